"""The admin's article form: paste a text or upload a file; metadata filled from the file when left blank.

No NLP runs here (it would hold the request for seconds and load models into the web process): a language
left blank is detected by the background worker, which refuses an unsupported one with a message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from timeline.models import Article, content_hash
from timeline.pipeline.ingest import IngestError, check_length
from timeline.pipeline.language import SUPPORTED_LANGUAGES
from timeline.pipeline.reading import SUPPORTED_SUFFIXES, ReadError, normalize_text, read_bytes


class ArticleForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_(
            "A .txt, .md (YAML front matter allowed) or .html file. Title, date, source, URL and language "
            "left blank are taken from the file or detected."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUPPORTED_SUFFIXES)}),
    )

    # A URL typed without a scheme is taken as https (Django 6's default).
    url = forms.URLField(label=_("URL"), required=False, max_length=1000, assume_scheme="https")

    class Meta:
        model = Article
        fields = ["upload", "body", "title", "published", "language", "source", "url"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A staff member who may only view articles gets a form without fields (the admin shows them
        # read-only): only the fields present are adjusted.
        for name in ("body", "title", "language"):
            if name in self.fields:
                self.fields[name].required = False
        if "body" in self.fields:
            self.fields["body"].help_text = _("Paste the article's text, or upload a file instead.")
        if "language" in self.fields:
            self.fields["language"].help_text = _("fr or en; detected from the text when left blank.")
        self.duplicate: Article | None = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload = data.get("upload")
        if upload and (data.get("body") or "").strip() and "body" in self.changed_data:
            # Both given: taking one silently would lose the other.
            raise forms.ValidationError(
                _("Paste a text or upload a file, not both: clear the text box or remove the file.")
            )
        if upload:
            if upload.size > settings.MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    _("The file is %(size).1f MB; the limit is %(limit).0f MB.")
                    % {"size": upload.size / 1_048_576, "limit": settings.MAX_UPLOAD_BYTES / 1_048_576}
                )
            try:
                raw = read_bytes(upload.read(), upload.name, max_bytes=settings.MAX_UPLOAD_BYTES)
            except ReadError as error:
                raise forms.ValidationError(str(error)) from error
            data["body"] = raw.text
            # What the editor typed wins; blanks come from the file.
            for name, value in (
                ("title", raw.title),
                ("published", raw.published),
                ("language", raw.language),
                ("source", raw.source),
                ("url", raw.url),
            ):
                if not data.get(name) and value:
                    data[name] = value
        # The same normalisation as `ingest` (NUL and control characters removed, line ends unified).
        body = normalize_text(data.get("body") or "").strip()
        if not body:
            raise forms.ValidationError(_("Paste the article's text or upload a file."))
        data["body"] = body
        try:
            check_length(body)
        except IngestError as error:
            raise forms.ValidationError(str(error)) from error
        if not data.get("title"):
            data["title"] = body.splitlines()[0][:120]
        language = (data.get("language") or "").strip().lower()
        if language and language not in SUPPORTED_LANGUAGES:
            self.add_error("language", _("This language is not supported yet (fr, en)."))
        data["language"] = language
        existing = (
            Article.objects.filter(content_hash=content_hash(body)).exclude(pk=self.instance.pk).first()
        )
        if existing is not None:
            self.duplicate = existing
            raise forms.ValidationError(_("This text is already in the timeline."))
        return data

    def save(self, commit: bool = True) -> Article:
        # Values filled in clean() (from the file, detected) are not in the model's own cleaning.
        for name in ("body", "title", "published", "language", "source", "url"):
            setattr(self.instance, name, self.cleaned_data.get(name) or getattr(self.instance, name))
        return super().save(commit=commit)
