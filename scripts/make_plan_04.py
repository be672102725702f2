"""Draws plan.svg, the forward/backward diagram of notebook 04.

    python scripts/make_plan_04.py [out.svg|out.png]   (default: source/04_deep_nn_step_by_step/images/plan.svg)

Forward blocks on the top row, backward blocks on the bottom row, and each
layer's cache going from its forward block down to its backward block.
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

FORWARD, BACKWARD, CACHE, COST = "#dbe9f6", "#fbe3d0", "#6a6a6a", "#e4f2dc"
Y_TOP, Y_BOTTOM, H, W = 3.0, 0.0, 0.9, 2.2


def box(ax, x, y, text, color, width=W):
    ax.add_patch(FancyBboxPatch((x - width / 2, y - H / 2), width, H, boxstyle="round,pad=0.04,rounding_size=0.12",
                                facecolor=color, edgecolor="#333333", linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=10.5)


def arrow(ax, start, end, label=None, offset=(0, 0.2), style="-|>", color="#333333", dashed=False, fontsize=10.5):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=color, linewidth=1.3,
                                 linestyle="--" if dashed else "-", shrinkA=0, shrinkB=0))
    if label:
        ax.text((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1], label,
                ha="center", va="bottom" if offset[1] >= 0 else "top", fontsize=fontsize, color=color)


def draw(path):
    fig, ax = plt.subplots(figsize=(13, 5.6))
    xs = {1: 2.0, "dots": 4.35, "L-1": 6.7, "L": 10.0}
    layers = [(1, "1", "RELU"), ("L-1", "L-1", "RELU"), ("L", "L", "SIGMOID")]
    previous = {"1": "0", "L-1": "L-2", "L": "L-1"}
    cost_x = 12.7

    ax.text(-0.75, Y_TOP + 0.75, "forward", fontsize=12, fontweight="bold", ha="left", color="#1f4e79")
    ax.text(-0.75, Y_BOTTOM - 0.75, "backward", fontsize=12, fontweight="bold", ha="left", color="#8a3b00")

    # forward row
    arrow(ax, (-0.6, Y_TOP), (xs[1] - W / 2, Y_TOP), r"$X = A^{[0]}$")
    for key, sup, act in layers:
        box(ax, xs[key], Y_TOP, f"layer ${sup}$\nLINEAR → {act}", FORWARD)
    ax.text(xs["dots"], Y_TOP, "⋯", ha="center", va="center", fontsize=18)
    arrow(ax, (xs[1] + W / 2, Y_TOP), (xs["dots"] - 0.35, Y_TOP), r"$A^{[1]}$")
    arrow(ax, (xs["dots"] + 0.35, Y_TOP), (xs["L-1"] - W / 2, Y_TOP), r"$A^{[L-2]}$")
    arrow(ax, (xs["L-1"] + W / 2, Y_TOP), (xs["L"] - W / 2, Y_TOP), r"$A^{[L-1]}$")
    box(ax, cost_x, Y_TOP, "cost\n$J(A^{[L]}, Y)$", COST, width=1.7)
    arrow(ax, (xs["L"] + W / 2, Y_TOP), (cost_x - 0.85, Y_TOP), r"$A^{[L]}$")

    # backward row
    for key, sup, act in layers:
        box(ax, xs[key], Y_BOTTOM, f"layer ${sup}$ backward\n{act} → LINEAR", BACKWARD)
    ax.text(xs["dots"], Y_BOTTOM, "⋯", ha="center", va="center", fontsize=18)
    arrow(ax, (cost_x, Y_TOP - H / 2), (cost_x, Y_BOTTOM + 0.1), style="-", color="#333333")
    arrow(ax, (cost_x, Y_BOTTOM), (xs["L"] + W / 2, Y_BOTTOM), r"$dA^{[L]}$")
    arrow(ax, (xs["L"] - W / 2, Y_BOTTOM), (xs["L-1"] + W / 2, Y_BOTTOM), r"$dA^{[L-1]}$")
    arrow(ax, (xs["L-1"] - W / 2, Y_BOTTOM), (xs["dots"] + 0.35, Y_BOTTOM), r"$dA^{[L-2]}$")
    arrow(ax, (xs["dots"] - 0.35, Y_BOTTOM), (xs[1] + W / 2, Y_BOTTOM), r"$dA^{[1]}$")
    arrow(ax, (xs[1] - W / 2, Y_BOTTOM), (-0.6, Y_BOTTOM), r"$dA^{[0]}$")

    # caches (dashed, down) and gradients (out of each backward block)
    for key, sup, _ in layers:
        x = xs[key]
        arrow(ax, (x, Y_TOP - H / 2), (x, Y_BOTTOM + H / 2), color=CACHE, dashed=True)
        ax.text(x + 0.08, (Y_TOP + Y_BOTTOM) / 2 + 0.18, f"cache ${sup}$:", ha="left", va="center",
                fontsize=9.5, color=CACHE)
        ax.text(x + 0.08, (Y_TOP + Y_BOTTOM) / 2 - 0.22,
                rf"$(A^{{[{previous[sup]}]}}, W^{{[{sup}]}}, b^{{[{sup}]}}),\ Z^{{[{sup}]}}$",
                ha="left", va="center", fontsize=9.5, color=CACHE)
        arrow(ax, (x, Y_BOTTOM - H / 2), (x, Y_BOTTOM - 1.05), style="-|>")
        ax.text(x, Y_BOTTOM - 1.12, rf"$dW^{{[{sup}]}},\ db^{{[{sup}]}}$", ha="center", va="top", fontsize=10.5)

    ax.text(cost_x, Y_BOTTOM - 1.12, "update, for every $l$:\n"
            r"$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}$" "\n" r"$b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}$",
            ha="center", va="top", fontsize=10.5,
            bbox=dict(boxstyle="round,pad=0.35", facecolor="#f3f3f3", edgecolor="#999999"))

    ax.set_xlim(-0.9, 13.7)
    ax.set_ylim(-2.35, 4.35)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    plt.rcParams["svg.hashsalt"] = "nndl-04"  # reproducible ids in the SVG
    fig.savefig(path, metadata={"Date": None} if str(path).endswith(".svg") else None, dpi=90)
    plt.close(fig)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "source" / "04_deep_nn_step_by_step" / "images" / "plan.svg"
    draw(out)
    print(f"wrote {out}")
