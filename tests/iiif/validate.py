"""Reads each IIIF Presentation 3 manifest named on the command line with the IIIF
community's iiif-prezi3 (its pydantic models refuse what the specification does not
allow), and prints what it read as JSON: for each manifest its label and, for each
canvas, its label, size and image. Exits 1 naming the manifest that does not validate.

    python tests/iiif/validate.py MANIFEST.json ...
"""
import json
import sys

from iiif_prezi3 import Manifest


def read(path):
    with open(path, encoding="utf-8") as file:
        manifest = Manifest(**json.load(file))
    canvases = []
    for canvas in manifest.items:
        painting = canvas.items[0].items[0]
        canvases.append({
            "label": canvas.label.root if hasattr(canvas.label, "root") else canvas.label,
            "width": canvas.width,
            "height": canvas.height,
            "image": painting.body.id,
            "target": painting.target if isinstance(painting.target, str) else str(painting.target),
        })
    return {"id": manifest.id, "canvases": canvases}


def main():
    report = {}
    for path in sys.argv[1:]:
        try:
            report[path] = read(path)
        except Exception as error:  # what iiif-prezi3 refuses, said with the file
            print(f"{path}: {error}", file=sys.stderr)
            sys.exit(1)
    json.dump(report, sys.stdout, default=str)


if __name__ == "__main__":
    main()
