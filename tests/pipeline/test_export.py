from timeline.export import spreadsheet_safe


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted():
    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("-2 soldiers") == "'-2 soldiers"
    assert spreadsheet_safe("Kursk") == "Kursk" and spreadsheet_safe(12) == 12
