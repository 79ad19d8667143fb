"""Build timeline/data/geo/world.json, the countries of the timeline's map, from Natural Earth.

Input: world-atlas's countries-110m.json (Natural Earth 1:110m admin-0 countries as TopoJSON, public
domain; `bash tools/install_npm_tools.sh` puts it in var/npm). Output: one SVG path per country (ISO
3166 alpha-2), projected with the Natural Earth projection, simplified and written with small relative
coordinates, so that the page renders the map by pasting strings (no geometry work per request).

    python tools/build_world_map.py [--source var/npm/node_modules/world-atlas/countries-110m.json]

Run it again only to change the map's look; the output is committed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import itertools

from timeline.worldmap import natural_earth

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "var/npm/node_modules/world-atlas/countries-110m.json"
OUTPUT = ROOT / "timeline/data/geo/world.json"
WIDTH = 1000  # SVG user units across the map; the height follows from the projection
TOLERANCE = 0.6  # Douglas-Peucker tolerance in user units: the map is drawn at most ~1000 px wide
# Natural Earth features without a numeric ISO code, and parts drawn with their country.
UNCODED = {"Kosovo": "XK", "Somaliland": "SO", "N. Cyprus": "CY"}
LEFT_OUT = {"AQ"}  # Antarctica: a third of the map's height for no event


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's delta-encoded, quantized arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with continuous longitudes: a step across the antimeridian (179° to -179°) goes on
    to 181° instead, so the ring can be cut at ±180° rather than drawn across the whole map."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        points.append((lon, lat))
    return points


def clip(ring: list[tuple[float, float]], keep_left_of: float | None, keep_right_of: float | None):
    """Sutherland-Hodgman against one vertical line (longitude), keeping one side of it."""
    limit = keep_left_of if keep_left_of is not None else keep_right_of
    assert limit is not None

    def inside(point: tuple[float, float]) -> bool:
        return point[0] <= limit if keep_left_of is not None else point[0] >= limit

    result: list[tuple[float, float]] = []
    for current, following in zip(ring, ring[1:] + ring[:1], strict=False):
        if inside(current):
            result.append(current)
        if inside(current) != inside(following):
            t = (limit - current[0]) / (following[0] - current[0])
            result.append((limit, current[1] + t * (following[1] - current[1])))
    return result


def cut_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The parts of a ring on the map: east of 180° is drawn from -180° on, and west of -180° from 180°."""
    ring = unwrap(ring)
    longitudes = [lon for lon, _ in ring]
    if min(longitudes) >= -180 and max(longitudes) <= 180:
        return [ring]
    shift = 360 if max(longitudes) > 180 else -360
    if shift > 0:
        main, other = clip(ring, 180, None), clip([(lon - 360, lat) for lon, lat in ring], None, -180)
    else:
        main, other = clip(ring, None, -180), clip([(lon + 360, lat) for lon, lat in ring], 180, None)
    return [part for part in (main, other) if len(part) >= 3]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on a closed ring (its first point is kept)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    # Split the ring at its farthest point from the first, so both halves are open polylines.
    far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay) or 1e-9
        best, best_distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > best_distance:
                best, best_distance = i, distance
        if best is not None:
            keep[best] = True
            stack.extend([(first, best), (best, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def path_of(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data with one decimal, relative moves: about a third of the size of absolute ones."""
    parts = []
    cursor = (0, 0)
    for ring in rings:
        steps = [(round(x * 10), round(y * 10)) for x, y in ring]
        deduped = [steps[0]] + [b for a, b in itertools.pairwise(steps) if a != b]
        if len(deduped) > 1 and deduped[-1] == deduped[0]:
            deduped.pop()
        if len(deduped) < 3:
            continue  # smaller than the map can show
        (x, y) = deduped[0]
        parts.append(f"m{_n(x - cursor[0])} {_n(y - cursor[1])}")
        moves = [f"{_n(bx - ax)} {_n(by - ay)}" for (ax, ay), (bx, by) in itertools.pairwise(deduped)]
        parts.append("l" + " ".join(moves) + "z")
        cursor = (x, y)  # after "z" the current point is the ring's start
    return "".join(parts).replace(" -", "-")


def _n(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def build(source: Path) -> dict:
    topology = json.loads(source.read_text())
    arcs = decode_arcs(topology)
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if "id" in geometry:
            country = pycountry.countries.get(numeric=geometry["id"])
            code = country.alpha_2 if country else None
        else:
            code = UNCODED.get(name)
        if code is None or code in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                shapes.setdefault(code, []).extend(cut_at_antimeridian(ring_points(ring, arcs)))
    projected = {
        code: [[natural_earth(lon, lat) for lon, lat in ring] for ring in rings]
        for code, rings in shapes.items()
    }
    xs = [x for rings in projected.values() for ring in rings for x, _ in ring]
    ys = [y for rings in projected.values() for ring in rings for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    left, top = min(xs), max(ys)
    height = math.ceil((max(ys) - min(ys)) * scale)
    paths = {}
    for code, rings in sorted(projected.items()):
        screen = [[((x - left) * scale, (top - y) * scale) for x, y in ring] for ring in rings]
        path = path_of([simplify(ring, TOLERANCE) for ring in screen])
        if path:
            paths[code] = path
    return {
        "source": "Natural Earth 1:110m admin-0 countries 4.1.0 (public domain), via world-atlas 2.0.2",
        "projection": "Natural Earth I",
        "width": WIDTH,
        "height": height,
        "scale": scale,
        "left": left,
        "top": top,
        "countries": paths,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    if not args.source.exists():
        parser.error(f"{args.source} not found: run `bash tools/install_npm_tools.sh` first")
    data = build(args.source)
    OUTPUT.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n")
    size = OUTPUT.stat().st_size
    print(f"{len(data['countries'])} countries, {size:,} bytes -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
