"""Data sets of the course.

``load_*`` reads data that is local or cached, fetching it if needed; ``make_*`` draws synthetic
data. Images are ``(m, 64, 64, 3)`` uint8 arrays; planar points are ``(2, m)``; labels are ``(1, m)``.
"""

from ._cats import (
    DataFileCorruptError,
    DataNotFoundError,
    fetch_catvnoncat_file,
    load_catvnoncat,
)
from ._images import load_image
from ._moons import make_moons
from ._planar import PLANAR_DATASETS, make_flower, make_planar_datasets
from ._standin import make_cat_standin
from ._wavy import make_wavy_boundary

__all__ = [
    "DataFileCorruptError",
    "DataNotFoundError",
    "fetch_catvnoncat_file",
    "load_catvnoncat",
    "load_image",
    "make_cat_standin",
    "make_flower",
    "make_moons",
    "make_planar_datasets",
    "make_wavy_boundary",
    "PLANAR_DATASETS",
]
