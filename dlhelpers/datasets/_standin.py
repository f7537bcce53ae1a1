"""A synthetic stand-in for the cat photos: drawn cat faces versus other drawn objects.

Used only when asked for (``load_catvnoncat(standin=True)`` or ``DLHELPERS_STANDIN=1``), so that
the course runs on a machine that cannot get the photos. Same shapes and dtypes as the photos.
"""

import numpy as np

SIZE = 64
_FUR = np.array([[214, 137, 16], [128, 128, 128], [40, 40, 40], [235, 230, 220], [120, 80, 50]])
_SEED = 20241123  # fixed: the stand-in is the same on every machine


def _grid():
    rows, cols = np.mgrid[0:SIZE, 0:SIZE]
    return rows.astype(float), cols.astype(float)


def _triangle(rows, cols, a, b, c):
    """Boolean mask of the pixels inside the triangle with corners a, b, c given as (row, col)."""

    def side(p, q):
        return (cols - q[1]) * (p[0] - q[0]) - (p[1] - q[1]) * (rows - q[0])

    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    has_neg = (d1 < 0) | (d2 < 0) | (d3 < 0)
    has_pos = (d1 > 0) | (d2 > 0) | (d3 > 0)
    return ~(has_neg & has_pos)


def _background(rng):
    rows, cols = _grid()
    top, bottom = rng.integers(0, 256, size=(2, 3))
    t = (rows / (SIZE - 1))[..., None]
    return (1 - t) * top + t * bottom


def _draw_cat(image, rng):
    rows, cols = _grid()
    r0, c0 = rng.uniform(30, 40), rng.uniform(24, 40)
    radius = rng.uniform(12, 19)
    fur = _FUR[rng.integers(len(_FUR))] + rng.normal(0, 12, 3)
    for side in (-1, 1):  # ears first, the head covers their base
        base = (r0 - 0.55 * radius, c0 + side * 0.85 * radius)
        inner = (r0 - 0.85 * radius, c0 + side * 0.2 * radius)
        tip = (r0 - 1.6 * radius, c0 + side * 0.75 * radius)
        image[_triangle(rows, cols, base, inner, tip)] = fur
    image[(rows - r0) ** 2 + (cols - c0) ** 2 <= radius**2] = fur
    eye = rng.choice([[40, 160, 40], [200, 170, 30], [60, 110, 200]])
    for side in (-1, 1):
        er, ec = r0 - 0.2 * radius, c0 + side * 0.4 * radius
        image[((rows - er) / 0.22) ** 2 + ((cols - ec) / 0.15) ** 2 <= radius**2 / 4] = eye
        image[((rows - er) / 0.2) ** 2 + ((cols - ec) / 0.05) ** 2 <= radius**2 / 4] = 10
    nose = (r0 + 0.15 * radius, c0)
    image[_triangle(rows, cols, (nose[0] - 2, nose[1] - 2.5), (nose[0] - 2, nose[1] + 2.5),
                    (nose[0] + 1.5, nose[1]))] = [230, 120, 140]


def _draw_other(image, rng):
    rows, cols = _grid()
    color = rng.integers(0, 256, size=3)
    kind = rng.integers(4)
    r0, c0 = rng.uniform(24, 40), rng.uniform(20, 44)
    size = rng.uniform(10, 20)
    if kind == 0:  # a ball: round, like a head, but no ears, eyes or nose
        image[(rows - r0) ** 2 + (cols - c0) ** 2 <= size**2] = color
    elif kind == 1:  # a house: a square with a roof
        body = (abs(rows - r0 - size / 3) <= size * 0.6) & (abs(cols - c0) <= size * 0.7)
        image[body] = color
        roof = _triangle(rows, cols, (r0 - size * 0.27, c0 - size), (r0 - size * 0.27, c0 + size),
                         (r0 - size * 1.2, c0))
        image[roof] = rng.integers(0, 256, size=3)
    elif kind == 2:  # a car: a long box on two wheels
        image[(abs(rows - r0) <= size * 0.35) & (abs(cols - c0) <= size * 1.1)] = color
        for side in (-1, 1):
            wheel = (rows - r0 - size * 0.4) ** 2 + (cols - c0 - side * size * 0.6) ** 2
            image[wheel <= (size * 0.3) ** 2] = 20
    else:  # a tree: a green triangle on a trunk
        image[(abs(cols - c0) <= size * 0.15) & (rows >= r0) & (rows <= r0 + size)] = [100, 60, 20]
        crown = _triangle(rows, cols, (r0 + size * 0.2, c0 - size * 0.8),
                          (r0 + size * 0.2, c0 + size * 0.8), (r0 - size * 1.3, c0))
        image[crown] = color * [0.3, 1.0, 0.3]


def _draw_images(labels, rng):
    images = np.empty((labels.size, SIZE, SIZE, 3))
    for i, is_cat in enumerate(labels):
        image = _background(rng)
        (_draw_cat if is_cat else _draw_other)(image, rng)
        images[i] = image + rng.normal(0, 8, image.shape)
    return np.clip(images, 0, 255).astype(np.uint8)


def make_cat_standin(n_train=209, n_test=50):
    """Draw the synthetic stand-in: cat faces (label 1) versus balls, houses, cars and trees (0).

    Deterministic: the same arrays on every call and machine. About a third of the training
    images and two thirds of the test images are cats, as in the photos.

    Returns
    -------
    train_x : ndarray of shape (n_train, 64, 64, 3), uint8
    train_y : ndarray of shape (1, n_train), int64
    test_x : ndarray of shape (n_test, 64, 64, 3), uint8
    test_y : ndarray of shape (1, n_test), int64
    classes : ndarray of shape (2,), bytes: ``b"non-cat"``, ``b"cat"``
    """
    rng = np.random.default_rng(_SEED)
    train_y = (rng.permutation(n_train) < round(n_train * 72 / 209)).astype(np.int64)
    test_y = (rng.permutation(n_test) < round(n_test * 33 / 50)).astype(np.int64)
    train_x = _draw_images(train_y, rng)
    test_x = _draw_images(test_y, rng)
    classes = np.array([b"non-cat", b"cat"], dtype="S7")
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes
