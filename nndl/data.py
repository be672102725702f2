"""Data loaders of the cat vs non-cat notebooks (02 and 05).

- ``load_catvnoncat()``  the course's train/test images and labels, from HDF5 files
- ``load_image(path)``   any image file of the learner's, ready for a trained model

The files are looked for in the environment variable ``NNDL_DATA_DIR`` if it is set
(an instructor's own images, in the same format), else in the ``datasets/`` folder
next to this package, so the notebooks work from any working directory.
"""
import os
from pathlib import Path

import numpy as np

DATASETS = Path(__file__).resolve().parent.parent / "datasets"
REBUILD = "python scripts/build_catvnoncat.py"
NUM_PX = 64


class DataFileError(ValueError):
    """A data file exists but is not in the expected format."""


def data_folder():
    """The folder the cat data is read from: $NNDL_DATA_DIR if set, else datasets/."""
    env = os.environ.get("NNDL_DATA_DIR")
    return Path(env).expanduser() if env else DATASETS


def _read_split(path, split):
    """Read and validate one file.

    Returns:
    x -- (m, num_px, num_px, 3) uint8 images
    y -- (m,) int64 labels, 0 (non-cat) or 1 (cat)
    classes -- (2,) bytes array of class names, e.g. [b'non-cat', b'cat']
    """
    import h5py  # imported here so `import nndl.data` stays cheap

    path = Path(path)
    fix = (f"Rebuild the course's files with `{REBUILD}`, or point NNDL_DATA_DIR "
           "at a folder holding train_catvnoncat.h5 and test_catvnoncat.h5.")
    if not path.is_file():
        raise FileNotFoundError(f"{path}: data file not found. {fix}")
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise DataFileError(f"{path}: not a readable HDF5 file ({exc}). {fix}") from None
    with f:
        xk, yk = f"{split}_set_x", f"{split}_set_y"
        for key in (xk, yk, "list_classes"):
            if key not in f:
                raise DataFileError(f"{path}: missing dataset '{key}' (found: "
                                    f"{', '.join(sorted(f.keys())) or 'nothing'}). {fix}")
        try:
            x, y, classes = f[xk][()], f[yk][()], f["list_classes"][()]
        except (OSError, TypeError, ValueError) as exc:
            raise DataFileError(f"{path}: cannot read its datasets ({exc}). {fix}") from None

    def bad(what):
        return DataFileError(f"{path}: {what}. {fix}")

    if x.dtype != np.uint8 or x.ndim != 4 or x.shape[3] != 3 or x.shape[1] != x.shape[2]:
        raise bad(f"'{xk}' must be (m, num_px, num_px, 3) uint8 images, "
                  f"got shape {x.shape} dtype {x.dtype}")
    if y.ndim != 1 or y.shape[0] != x.shape[0] or not np.issubdtype(y.dtype, np.integer):
        raise bad(f"'{yk}' must be ({x.shape[0]},) integer labels, one per image, "
                  f"got shape {y.shape} dtype {y.dtype}")
    if not np.isin(y, (0, 1)).all():
        raise bad(f"'{yk}' must hold only 0 (non-cat) and 1 (cat)")
    if classes.shape != (2,) or classes.dtype.kind != "S":
        raise bad(f"'list_classes' must be 2 byte strings, got shape {classes.shape} "
                  f"dtype {classes.dtype}")
    return x, y.astype(np.int64), classes


def load_catvnoncat(data_dir=None):
    """Load the cat vs non-cat images, as the course's notebooks expect them.

    Arguments:
    data_dir -- folder with train_catvnoncat.h5 and test_catvnoncat.h5; default
                $NNDL_DATA_DIR if set, else the course's datasets/ folder

    Returns:
    train_x_orig -- (m_train, num_px, num_px, 3) uint8 images (course: 209, 64, 64, 3)
    train_y -- (1, m_train) int64 labels, 1 = cat, 0 = non-cat
    test_x_orig -- (m_test, num_px, num_px, 3) uint8 images (course: 50, 64, 64, 3)
    test_y -- (1, m_test) int64 labels
    classes -- (2,) bytes array, classes[label] is the name: [b'non-cat', b'cat']
               (read from the test file)

    Raises FileNotFoundError for a missing file and DataFileError (a ValueError) for a
    file that is unreadable or not in this format; both name the file and the fix.
    """
    folder = Path(data_dir) if data_dir is not None else data_folder()
    train_x, train_y, _ = _read_split(folder / "train_catvnoncat.h5", "train")
    test_x, test_y, classes = _read_split(folder / "test_catvnoncat.h5", "test")
    if train_x.shape[1:] != test_x.shape[1:]:
        raise DataFileError(f"{folder}: train images are {train_x.shape[1:]} but test images "
                            f"are {test_x.shape[1:]}; both files must use one image size.")
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes



def load_image(path, num_px=NUM_PX, flatten=False):
    """Read any image file (PNG, JPEG, ...) as an input for a model trained on the cat data.

    The picture is turned upright (camera EXIF orientation), converted to RGB
    (transparent parts become white, grey images get three equal channels),
    centre-cropped to a square and resized to num_px x num_px.

    Arguments:
    path -- path of the image file
    num_px -- side of the square the model was trained on (64 for the course's data)
    flatten -- False: return the image as one example in the data set's format;
               True: return it as one input column, scaled like the training data

    Returns:
    flatten=False: (1, num_px, num_px, 3) uint8 array
    flatten=True:  (num_px * num_px * 3, 1) float64 array with values in [0, 1],
                   i.e. image.reshape(1, -1).T / 255, ready for predict(..., X)

    Raises FileNotFoundError if there is no such file, ValueError if Pillow cannot
    read it as an image.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such image file (check the name and the folder; "
                                f"the current folder is {Path.cwd()})")
    try:
        with Image.open(path) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"{path}: not an image file Pillow can read ({exc})") from None
    rgb = _to_rgb(img)
    side = min(rgb.size)
    left, top = (rgb.width - side) // 2, (rgb.height - side) // 2
    rgb = rgb.crop((left, top, left + side, top + side))
    rgb = rgb.resize((num_px, num_px), Image.LANCZOS)
    arr = np.asarray(rgb, dtype=np.uint8)[None]
    if flatten:
        return arr.reshape(1, -1).T / 255.0
    return arr


def _to_rgb(img):
    """Any PIL image -> RGB, compositing transparency (alpha or palette) on white."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")
