"""The throughput peer: the same CNN in Python onnxruntime with a straightforward loop over the
image folder (decode with Pillow, scale to [0, 1], NCHW, one run per image). Prints accuracy and
wall seconds."""
import os
import sys
import time

import numpy as np
import onnxruntime as ort
from PIL import Image

root, model = sys.argv[1], sys.argv[2]
start = time.perf_counter()
session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
correct = total = 0
for label, name in enumerate(classes):
    folder = os.path.join(root, name)
    for file in sorted(os.listdir(folder)):
        image = np.asarray(Image.open(os.path.join(folder, file)).convert("RGB"), dtype=np.float32) / 255.0
        scores = session.run(None, {"image": image.transpose(2, 0, 1)[None]})[0]
        correct += int(scores[0].argmax() == label)
        total += 1
seconds = time.perf_counter() - start
print(f"accuracy {correct / total!r} samples {total} seconds {seconds:.3f}")
