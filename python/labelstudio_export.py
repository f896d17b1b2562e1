"""Runs Label Studio's own export converter (label-studio-sdk) on a Label Studio JSON export.

Usage: python labelstudio_export.py CONFIG_XML TASKS_JSON FORMAT OUTPUT_DIR

FORMAT is one of the converter's formats (JSON_MIN, COCO, VOC, YOLO). Images are not downloaded,
as in an export from Label Studio's server without images: COCO keeps the /data/upload/... names
and writes null sizes for images nobody annotated. The tests (LabelStudioExportsTest) use it to
produce exports exactly as Label Studio writes them, then read them with the suite.
"""
import sys

from label_studio_sdk.converter import Converter


def main():
    config, tasks, fmt, output = sys.argv[1:5]
    with open(config, encoding="utf-8") as f:
        converter = Converter(config=f.read(), project_dir=output, download_resources=False)
    converter.convert(tasks, output, fmt, is_dir=False)


if __name__ == "__main__":
    main()
