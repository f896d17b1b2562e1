"""Writes a synthetic COCO detection benchmark set: make_coco.py DIR IMAGES DETECTIONS [SEED].

80 categories, about 7 ground-truth boxes per image of all sizes (some crowd), and detections that
are jittered copies of them plus false positives, with scores, spread over the images."""
import json
import os
import sys

import numpy as np

out, images, detections = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 0)
os.makedirs(out, exist_ok=True)
categories = [{"id": i + 1, "name": f"class{i}"} for i in range(80)]
categories[0]["name"] = "person"
imgs, anns, results = [], [], []
for i in range(images):
    imgs.append({"id": i + 1, "file_name": f"{i + 1:06d}.jpg", "width": 640, "height": 480})
    for _ in range(rng.integers(2, 13)):
        size = float(rng.choice([rng.uniform(6, 32), rng.uniform(32, 96), rng.uniform(96, 300)]))
        w, h = size * rng.uniform(0.6, 1.4), size * rng.uniform(0.6, 1.4)
        x, y = rng.uniform(0, 640 - w), rng.uniform(0, 480 - h)
        anns.append({"id": len(anns) + 1, "image_id": i + 1, "category_id": int(rng.integers(1, 81)),
                     "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)],
                     "area": round(w * h * rng.uniform(0.5, 1.0), 2), "iscrowd": int(rng.random() < 0.02)})
by_image = {}
for a in anns:
    by_image.setdefault(a["image_id"], []).append(a)
while len(results) < detections:
    image = int(rng.integers(1, images + 1))
    truth = by_image.get(image)
    if truth and rng.random() < 0.7:
        a = truth[int(rng.integers(len(truth)))]
        x, y, w, h = a["bbox"]
        box = [x + rng.normal(0, w * 0.08), y + rng.normal(0, h * 0.08), w * rng.uniform(0.85, 1.15), h * rng.uniform(0.85, 1.15)]
        category = a["category_id"] if rng.random() < 0.9 else int(rng.integers(1, 81))
    else:
        w, h = rng.uniform(8, 200), rng.uniform(8, 200)
        box = [rng.uniform(0, 640 - w), rng.uniform(0, 480 - h), w, h]
        category = int(rng.integers(1, 81))
    results.append({"image_id": image, "category_id": category, "bbox": [round(float(v), 2) for v in box],
                    "score": round(float(rng.random()), 4)})
with open(os.path.join(out, "instances.json"), "w") as f:
    json.dump({"images": imgs, "annotations": anns, "categories": categories}, f)
with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f)
print(f"{images} images, {len(anns)} boxes, {len(results)} detections")
