#!/usr/bin/env python
"""Build the course's cat vs non-cat data set from openly licensed emoji artwork.

    python scripts/build_catvnoncat.py            # writes datasets/*.h5 + manifest
    python scripts/build_catvnoncat.py --out DIR  # somewhere else
    python scripts/build_catvnoncat.py --check    # rebuild in a temp dir, compare bytes

Sources (fetched with ``npm pack NAME@VERSION`` into a cache outside git, checked
against pinned sha256 sums): the 64x64 PNGs of ``emoji-datasource-google`` (Noto
Emoji, Apache-2.0) and ``emoji-datasource-twitter`` (Twemoji, CC-BY-4.0), and the
shaded 256x256 renders of ``@lobehub/fluent-emoji-3d`` (Microsoft Fluent Emoji, MIT),
which add a third, more photo-like drawing of every cat. Never the Apple or Facebook
sets: their images carry no usable licence.

Recipe, in order:
1. Pick the base images: cats are the "cat-face" subcategory plus cat, cat2 and
   black_cat; tiger, tiger2, leopard and lion_face are in neither class; non-cats are
   drawn from three pools (animal faces and animals: the hard negatives; face smileys,
   which share the cat faces' round yellow shape; everything else).
2. Split the base images 2:1 between train and test before any augmentation, so no
   test image is a variant of a training image: cats by design (one vendor's drawing
   of one emoji; 24 train, 12 test, both with full-body cats), non-cats by emoji
   (every vendor's drawing of a test non-cat stays out of training).
3. Render every example as a small "photo": the artwork rescaled, slightly rotated,
   flipped, colour-jittered and shifted, pasted on a random background (linear or
   radial gradients, blurry blotch textures), slightly blurred, with pixel noise.
4. Write the two HDF5 files in the course's format, without timestamps, so two builds
   with the same library versions are byte-identical, and a JSON manifest of which
   base image every example came from.
"""
import argparse
import colorsys
import functools
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import h5py
import numpy as np
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
MANIFEST_NAME = "catvnoncat_manifest.json"
MONTAGE_NAME = "catvnoncat_montage.png"
DEFAULT_CACHE = Path(os.environ.get("NNDL_CACHE_DIR", Path.home() / ".cache" / "nndl")) / "npm"

# Pinned sources: name, version, sha256 of the npm tarball, vendor key in emoji.json.
SOURCES = [
    {"name": "emoji-datasource-google", "version": "16.0.0", "vendor": "google",
     "sha256": "fb5fd131b362aab7a55542d2a147a79708cce0a8b1c1bbacd470172708b5c438"},
    {"name": "emoji-datasource-twitter", "version": "16.0.0", "vendor": "twitter",
     "sha256": "f64a530c63bca463bd8317fdc4615ce63a53a0c65018e4ce2d848aaba7a28877"},
    # Microsoft Fluent Emoji "3D" (MIT): shaded 256x256 WebP renders named by code
    # point; the metadata (names, categories) comes from emoji-datasource's emoji.json.
    {"name": "@lobehub/fluent-emoji-3d", "version": "1.1.0", "vendor": "fluent",
     "sha256": "c1bb7eee7de090205a232518a9ab4adb3df458bfbe8a1f78232991194c8b2e58"},
]

SEED = 20240601
NUM_PX = 64
CLASSES = [b"non-cat", b"cat"]
# The course's split sizes: (examples, of which cats).
SIZES = {"train": (209, 72), "test": (50, 33)}

CAT_NAMES = {"cat", "cat2", "black_cat"}         # plus subcategory "cat-face"
FULL_BODY_CATS = ["black_cat", "cat2"]           # split one each way (stratified)
EXCLUDED = {"tiger", "tiger2", "leopard", "lion_face",  # felines: ambiguous
            "feet"}                                      # paw prints: cat or not?
# Non-cat pools and the share of each split they fill.
NEG_SHARES = {"animal": 0.45, "face": 0.30, "other": 0.25}
TEST_FRACTION = 1 / 3                            # of the cat base images (2:1 split)
VENDORS = ("google", "twitter", "fluent")  # which sources' artwork is used
CAT_SPLIT = "design"  # "design": per vendor drawing; "concept": per short_name
# Rendering: subject side in pixels, how far (pixels) its centre may move from the
# image's centre, background colour saturation range.
SUBJECT_PX = (40, 64)
SHIFT = 8
ROTATE = 8                    # degrees, either way
GAIN = (0.9, 1.08)           # brightness of the subject
CAST = 0.03                   # per-channel colour cast of the subject
BG_SATURATION = (0.05, 0.6)
BG_STYLES = {"linear": 0.5, "radial": 0.2, "blotches": 0.3, "stripes": 0.0}


# --------------------------------------------------------------------------- fetch
def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(cache_dir=DEFAULT_CACHE):
    """npm-pack every source into cache_dir (once) and verify it.

    Returns: list of Paths to the verified .tgz archives, in SOURCES order.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for src in SOURCES:
        # npm pack names a scoped package's tarball @scope/name -> scope-name-VERSION.tgz
        path = cache_dir / f"{src['name'].lstrip('@').replace('/', '-')}-{src['version']}.tgz"
        if not path.exists():
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("npm is not installed: it is needed once to fetch "
                                   f"{src['name']}@{src['version']} into {cache_dir}")
            subprocess.run([npm, "pack", f"{src['name']}@{src['version']}", "--silent",
                            "--pack-destination", str(cache_dir)],
                           check=True, stdout=subprocess.DEVNULL)
        digest = sha256_of(path)
        if digest != src["sha256"]:
            raise RuntimeError(f"{path}: sha256 {digest} does not match the pinned "
                               f"{src['sha256']}; delete the file and run again")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- select
def kind_of(entry):
    """'cat', 'excluded', or the non-cat pool ('animal', 'face', 'other') of an emoji."""
    name, cat, sub = entry["short_name"], entry["category"], entry["subcategory"]
    if sub == "cat-face" or name in CAT_NAMES:
        return "cat"
    if name in EXCLUDED or sub in ("skin-tone",) or cat == "Flags":
        return "excluded"   # flags and skin swatches are flat rectangles: too easy
    if sub.startswith("animal-") or sub == "monkey-face":
        return "animal"
    if cat == "Smileys & Emotion" and sub.startswith("face-"):
        return "face"
    return "other"


def read_bases(archives):
    """Every usable base image of every source.

    Returns: dict short_name -> list of (vendor, image file name, kind, encoded bytes),
    in SOURCES order; only emoji the vendor really drew (has_img_<vendor>), never
    skin-tone variants (only each entry's own 'image').
    """
    bases = {}
    entries = None
    for src, archive in zip(SOURCES, archives):
        vendor = src["vendor"]
        folder = "package/assets/" if vendor == "fluent" else f"package/img/{vendor}/64/"
        # one sequential pass: random access into a .tgz re-reads it from the start
        with tarfile.open(archive, "r:gz") as tf:
            files = {m.name: tf.extractfile(m).read() for m in tf if m.isfile()
                     and (m.name == "package/emoji.json" or m.name.startswith(folder))}
        if entries is None:
            entries = sorted(json.loads(files["package/emoji.json"]),
                             key=lambda e: e["sort_order"])
        for e in entries:
            kind = kind_of(e)
            if kind == "excluded" or vendor not in VENDORS:
                continue
            if vendor == "fluent":
                codes = [c.lower() for c in (e["unified"], e.get("non_qualified")) if c]
                name = next((f"{c}.webp" for c in codes if folder + f"{c}.webp" in files), None)
            else:
                name = e["image"] if e.get(f"has_img_{vendor}") else None
            data = files.get(folder + name) if name else None
            if data is None:
                continue
            bases.setdefault(e["short_name"], []).append((vendor, name, kind, data))
    return bases


@functools.lru_cache(maxsize=None)
def decode(data):
    """PNG/WebP bytes -> (64, 64) RGBA PIL image (decoded only for the images used)."""
    img = Image.open(io.BytesIO(data)).convert("RGBA")
    if img.size != (NUM_PX, NUM_PX):  # Fluent's 256 px renders
        img = img.resize((NUM_PX, NUM_PX), Image.LANCZOS)
    return img


def split_concepts(bases, rng):
    """Assign base images to train/test before any augmentation.

    Returns: dict split -> dict kind -> sorted list; for "cat" the design ids
    'vendor/short_name', for the non-cat pools the short_names.
    """
    kinds = {}
    for name, variants in bases.items():
        kinds.setdefault(variants[0][2], []).append(name)
    for k in kinds:
        kinds[k].sort()
    out = {"train": {}, "test": {}}
    # Cats: 2:1 between train and test, stratified so that both get full-body cats.
    if CAT_SPLIT == "concept":
        # every drawing of one concept on the same side (the strictest split)
        units = {n: [f"{v}/{n}" for (v, _f, _k, _i) in bases[n]] for n in kinds["cat"]}
    else:
        # each vendor's drawing is its own base image
        units = {f"{v}/{n}": [f"{v}/{n}"] for n in kinds["cat"] for (v, _f, _k, _i) in bases[n]}
    body = sorted(u for u in units if u.split("/")[-1] in FULL_BODY_CATS)
    faces = sorted(u for u in units if u not in body)
    rng.shuffle(body)
    rng.shuffle(faces)
    n_body = max(1, round(len(body) * TEST_FRACTION))
    n_face = round(len(faces) * TEST_FRACTION)
    test_units = body[:n_body] + faces[:n_face]
    out["test"]["cat"] = sorted(d for u in test_units for d in units[u])
    out["train"]["cat"] = sorted(d for u in units if u not in test_units for d in units[u])
    # Non-cats: one concept per example, disjoint between the splits.
    for kind, share in NEG_SHARES.items():
        pool = list(kinds[kind])
        rng.shuffle(pool)
        n_test = neg_count("test", kind)
        n_train = neg_count("train", kind)
        if n_test + n_train > len(pool):
            raise RuntimeError(f"pool {kind!r} has {len(pool)} concepts, need {n_test + n_train}")
        out["test"][kind] = sorted(pool[:n_test])
        out["train"][kind] = sorted(pool[n_test:n_test + n_train])
    return out


def neg_count(split, kind):
    """How many non-cats of pool `kind` a split gets (shares rounded, last pool takes the rest)."""
    total = SIZES[split][0] - SIZES[split][1]
    kinds = list(NEG_SHARES)
    counts = [int(round(total * NEG_SHARES[k])) for k in kinds[:-1]]
    counts.append(total - sum(counts))
    return counts[kinds.index(kind)]


# --------------------------------------------------------------------------- render
def _rand_colour(rng):
    """A muted random colour (0..255 RGB floats): photos are rarely saturated."""
    h = rng.uniform(0, 1)
    s = rng.uniform(*BG_SATURATION)
    v = rng.uniform(0.2, 0.95)
    return 255 * np.array(colorsys.hsv_to_rgb(h, s, v))


def background(rng, px=NUM_PX):
    """A (px, px, 3) float64 background in 0..255: gradient, blotches or stripes."""
    yy, xx = np.mgrid[0:px, 0:px] / (px - 1)
    style = rng.choice(list(BG_STYLES), p=list(BG_STYLES.values()))
    c1, c2 = _rand_colour(rng), _rand_colour(rng)
    if style == "linear":
        angle = rng.uniform(0, 2 * np.pi)
        t = (np.cos(angle) * xx + np.sin(angle) * yy)
        t = (t - t.min()) / (np.ptp(t) + 1e-9)
    elif style == "radial":
        cx, cy = rng.uniform(0, 1, size=2)
        t = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
        t = t / (t.max() + 1e-9)
    elif style == "stripes":
        angle = rng.uniform(0, np.pi)
        freq = rng.uniform(2, 7)
        t = 0.5 + 0.5 * np.sin(2 * np.pi * freq * (np.cos(angle) * xx + np.sin(angle) * yy))
    else:
        # low-resolution random colours, upsampled smoothly: out-of-focus clutter
        g = int(rng.integers(2, 7))
        small = np.stack([_rand_colour(rng) for _ in range(g * g)]).reshape(g, g, 3)
        small = small.round().astype(np.uint8)
        big = Image.fromarray(small).resize((px, px), Image.BICUBIC)
        return np.asarray(big, dtype=np.float64)
    return c1 + (c2 - c1) * t[..., None]


def subject(base, rng, scale=1.0):
    """The artwork transformed: (RGBA PIL image of any size) -> RGBA PIL image.

    scale -- 1 for the data set's 64 px images; larger for bigger example pictures
    """
    img = base
    if rng.random() < 0.5:
        img = img.transpose(Image.FLIP_LEFT_RIGHT)
    size = int(round(int(rng.integers(*SUBJECT_PX)) * scale))
    img = img.resize((size, size), Image.LANCZOS)
    angle = float(rng.uniform(-ROTATE, ROTATE))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True)
    # colour jitter: brightness and a slight colour cast, alpha untouched
    arr = np.asarray(img, dtype=np.float64).copy()
    gain = rng.uniform(*GAIN) * rng.uniform(1 - CAST, 1 + CAST, size=3)
    arr[..., :3] = np.clip(arr[..., :3] * gain, 0, 255)
    return Image.fromarray(arr.round().astype(np.uint8), "RGBA")


def render(base, rng, px=NUM_PX):
    """One example: (RGBA base image) -> (px, px, 3) uint8 (the data set uses px = 64)."""
    scale = px / NUM_PX
    bg = background(rng, px)
    subj = subject(base, rng, scale)
    w, h = subj.size
    # roughly centred, as a photographer would frame it
    cx, cy = px / 2 + rng.uniform(-SHIFT, SHIFT, size=2) * scale
    x, y = int(round(cx - w / 2)), int(round(cy - h / 2))
    canvas = Image.fromarray(bg.round().clip(0, 255).astype(np.uint8), "RGB").convert("RGBA")
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    layer.paste(subj, (x, y))
    canvas = Image.alpha_composite(canvas, layer).convert("RGB")
    blur = rng.uniform(0, 0.9)
    if blur > 0.3:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur * scale))
    arr = np.asarray(canvas, dtype=np.float64)
    arr = arr + rng.normal(0, rng.uniform(2, 10), size=arr.shape)
    return arr.round().clip(0, 255).astype(np.uint8)


# --------------------------------------------------------------------------- build
def plan_split(split, concepts, bases, rng):
    """The list of (label, base id, base image) a split is made of, in a random order.

    Cats cycle over the split's designs so each gets a nearly equal number of
    variants; every non-cat emoji gives one example (a random vendor's drawing).
    """
    n_total, n_cat = SIZES[split]
    cat_designs = [(d, image_of(bases, d)) for d in concepts["cat"]]
    order = rng.permutation(len(cat_designs))
    items = [(1,) + cat_designs[order[i % len(order)]] for i in range(n_cat)]
    for kind in NEG_SHARES:
        for name in concepts[kind]:
            v, _f, _k, data = bases[name][int(rng.integers(len(bases[name])))]
            items.append((0, f"{v}/{name}", decode(data)))
    assert len(items) == n_total, (split, len(items))
    return [items[i] for i in rng.permutation(len(items))]


def image_of(bases, design):
    """The base image of a design id 'vendor/short_name'."""
    vendor, name = design.split("/")
    return decode(next(data for (v, _f, _k, data) in bases[name] if v == vendor))


def write_h5(path, split, x, y):
    """Write one file in the course's format, with no timestamps (byte-reproducible)."""
    with h5py.File(path, "w", libver=("earliest", "v110"), track_order=False) as f:
        f.create_dataset(f"{split}_set_x", data=x, track_times=False)
        f.create_dataset(f"{split}_set_y", data=y, track_times=False)
        f.create_dataset("list_classes", data=np.array(CLASSES, dtype="S7"), track_times=False)


# --------------------------------------------------------------------------- extras
CAT_FRAME, NONCAT_FRAME = (240, 140, 20), (150, 150, 150)


def montage(arrays, ncols=10, rows=(3, 2), gap=10):
    """A PNG-ready picture of the first examples: rows[0] rows of training images, a
    gap, rows[1] rows of test images; orange frame = cat, grey frame = non-cat."""
    cell, pad = NUM_PX + 4, 2
    height = (rows[0] + rows[1]) * cell + gap
    sheet = Image.new("RGB", (ncols * cell, height), (255, 255, 255))
    top = 0
    for split, nrows in zip(("train", "test"), rows):
        x, y = arrays[split]
        for i in range(nrows * ncols):
            r, c = divmod(i, ncols)
            frame = Image.new("RGB", (cell, cell), CAT_FRAME if y[i] else NONCAT_FRAME)
            frame.paste(Image.fromarray(x[i]), (pad, pad))
            sheet.paste(frame, (c * cell, top + r * cell))
        top += nrows * cell + gap
    return sheet


def write_examples(folder, bases, concepts, rng, px=128):
    """Two larger pictures a learner can try a trained model on: a cat drawn from the
    test split's designs and a dog, an animal in neither split (a hard negative).

    Returns: dict file name -> base image id.
    """
    folder.mkdir(parents=True, exist_ok=True)
    used = {n for s in concepts.values() for k, names in s.items() if k != "cat" for n in names}
    cat = concepts["test"]["cat"][0]
    dog = next(n for n in ("dog", "dog2", "poodle", "wolf", "fox_face") if n not in used)
    picks = {"my_cat.png": cat, "not_a_cat.png": f"twitter/{dog}"}
    for name, design in picks.items():
        arr = render(image_of(bases, design), rng, px=px)
        Image.fromarray(arr).save(folder / name, optimize=False)
    return picks


def build(out_dir=DATASETS, cache_dir=DEFAULT_CACHE, seed=SEED):
    """Fetch, render and write train/test .h5 files and the manifest into out_dir.

    Returns: dict with the manifest contents.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bases = read_bases(fetch(cache_dir))
    rng = np.random.default_rng(seed)
    concepts = split_concepts(bases, rng)
    manifest = {
        "about": ("splits.<split>.examples: the source image (vendor/short_name) of every "
                  "example, in file order; splits.<split>.concepts.cat: the cat designs "
                  "(vendor/short_name) of that split; concepts.<animal|face|other>: its "
                  "non-cat emoji (short_name). See datasets/README.md."),
        "seed": seed,
        "sources": [{k: s[k] for k in ("name", "version", "sha256")} for s in SOURCES],
        "splits": {},
    }
    arrays = {}
    for split in ("train", "test"):
        plan = plan_split(split, concepts[split], bases, rng)
        x = np.stack([render(img, rng) for (_lab, _bid, img) in plan])
        y = np.array([lab for (lab, _bid, _img) in plan], dtype=np.int64)
        write_h5(out_dir / f"{split}_catvnoncat.h5", split, x, y)
        arrays[split] = (x, y)
        manifest["splits"][split] = {
            "concepts": concepts[split],
            "examples": [bid for (_lab, bid, _img) in plan],
        }
    montage(arrays).save(out_dir / MONTAGE_NAME)
    manifest["examples"] = write_examples(out_dir / "examples", bases, concepts,
                                          np.random.default_rng(seed + 1))
    with open(out_dir / MANIFEST_NAME, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    return manifest


OUTPUTS = ("train_catvnoncat.h5", "test_catvnoncat.h5", MANIFEST_NAME, MONTAGE_NAME,
           "examples/my_cat.png", "examples/not_a_cat.png")


def check_reproducible(cache_dir=DEFAULT_CACHE, reference=DATASETS):
    """Rebuild into a temp dir; return the list of outputs that differ from `reference`."""
    with tempfile.TemporaryDirectory() as tmp:
        build(tmp, cache_dir)
        return [n for n in OUTPUTS
                if (Path(tmp) / n).read_bytes() != (Path(reference) / n).read_bytes()]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(DATASETS), help="output folder (default: datasets/)")
    ap.add_argument("--cache", default=str(DEFAULT_CACHE),
                    help="where the npm tarballs are kept (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="rebuild in a temp dir and compare with --out byte for byte")
    args = ap.parse_args(argv)
    if args.check:
        diff = check_reproducible(args.cache, args.out)
        print("identical" if not diff else f"differ: {', '.join(diff)}")
        return 1 if diff else 0
    m = build(args.out, args.cache)
    for split, s in m["splits"].items():
        print(f"{split}: {len(s['examples'])} examples, "
              f"{len(s['concepts']['cat'])} cat designs -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
