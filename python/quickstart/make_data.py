"""Makes the quickstart's sample data set with the standard library only.

A small detection set in COCO format (PNG images with boxes of people and cars) plus a table of
features for a classifier ("is there a person?"). `--batch 2` adds a second batch whose class
balance has shifted towards cars, which the drift gate is meant to catch.

usage: make_data.py DIR [--batch 1|2]
"""
import argparse
import json
import os
import random
import struct
import zlib


def png(path, width, height, shade):
    raw = b"".join(b"\x00" + bytes([shade, 255 - shade, (shade * 7) % 256]) * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--batch", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(41 + args.batch)
    images_dir = os.path.join(args.root, "images")
    os.makedirs(images_dir, exist_ok=True)
    coco_path = os.path.join(args.root, "annotations.json")
    table_path = os.path.join(args.root, "table.csv")
    if os.path.exists(coco_path):
        coco = json.load(open(coco_path))
    else:
        coco = {"images": [], "annotations": [],
                "categories": [{"id": 1, "name": "person"}, {"id": 2, "name": "car"}]}
    person_share = 0.6 if args.batch == 1 else 0.05
    count = 120 if args.batch == 1 else 240
    rows = [] if not os.path.exists(table_path) else open(table_path).read().splitlines()[1:]
    start = len(coco["images"])
    for i in range(start, start + count):
        width, height = rng.choice([(64, 48), (80, 60)])
        name = f"img_{i:04d}.png"
        png(os.path.join(images_dir, name), width, height, rng.randrange(256))
        coco["images"].append({"id": i + 1, "file_name": "images/" + name, "width": width, "height": height})
        has_person = rng.random() < person_share
        for _ in range(rng.randint(1, 3)):
            category = 1 if has_person and rng.random() < 0.7 else 2
            w, h = rng.randint(8, 30), rng.randint(8, 30)
            x, y = rng.randint(0, width - w), rng.randint(0, height - h)
            coco["annotations"].append({"id": len(coco["annotations"]) + 1, "image_id": i + 1,
                                        "category_id": category, "bbox": [x, y, w, h],
                                        "area": w * h, "iscrowd": 0})
        # features a person detector's summary head would see; the label is "is there a person"
        brightness = rng.gauss(0.7 if has_person else 0.3, 0.15)
        edges = rng.gauss(0.4 if has_person else 0.6, 0.15)
        size = rng.gauss(0.5, 0.2)
        rows.append(f"{brightness:.4f},{edges:.4f},{size:.4f},{1 if has_person else 0}")
    json.dump(coco, open(coco_path, "w"))
    with open(table_path, "w") as f:
        f.write("brightness,edges,size,label\n" + "\n".join(rows) + "\n")
    print(f"{len(coco['images'])} images, {len(coco['annotations'])} boxes, {len(rows)} table rows in {args.root}")


if __name__ == "__main__":
    main()
