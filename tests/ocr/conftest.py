"""Shared by the OCR tests: the label-photo generator sits beside them."""

import sys
from pathlib import Path

# The tests import label_images.py as a plain module (pytest runs in importlib mode).
sys.path.insert(0, str(Path(__file__).parent))
