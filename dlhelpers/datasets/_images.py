"""One user photo as a course-sized image, for "try your own image"."""

from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError  # Pillow comes with matplotlib


def load_image(path, size=64):
    """Read a photo (PNG, JPEG, ...) as RGB, resized to ``size`` × ``size``.

    Returns
    -------
    image : ndarray of shape (size, size, 3), uint8
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"load_image: no file at {path}. "
                                "Check the path (it is relative to the notebook's folder).")
    try:
        with Image.open(path) as photo:
            photo = photo.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)
            return np.asarray(photo, dtype=np.uint8).copy()
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError(f"load_image: {path} is not an image that can be read (PNG or JPEG expected): "
                         f"{error}") from error
