"""The matplotlib backend of grading: only the figures a learner's feedback needs are drawn.

Under grading nobody looks at most figures (image grids, network diagrams, the
optional experiments), yet the inline backend renders every one of them to PNG.
The grader therefore starts kernels with
``MPLBACKEND=module://nndl.grading_figures`` (``BACKEND``). With it:

- the canvas is Agg (nothing needs a display);
- on ``plt.show()`` and at the end of every cell (an IPython ``post_execute``
  hook, as the inline backend does) the figures marked with ``keep(fig)`` are
  shown, as PNG through IPython's display machinery exactly as the inline
  backend would show them, and every figure is closed; the others are never
  rendered;
- a figure a cell returns as its value, or passes to ``display``, is rendered
  only if it is marked, too;
- nothing is written to stderr (no "non-interactive" warning on ``plt.show()``),
  and figures do not pile up from cell to cell.

The plot helpers (``nndl.plots``, ``nndl.planar``, ``nndl.dnn``) mark the
figures a learner's feedback is better with (their own learning curves of two
costs or more, the decision boundary of their own network) and, when ``active()``,
skip the work of the figures that will be thrown away. Without this backend (a learner's own
run: the inline backend) ``keep`` only sets an attribute and ``active()`` is
False: every figure is drawn and shown as before.

Inside a kernel this module is learner-side code like the rest of ``nndl``: it
decides what is shown, never a score.
"""
import matplotlib
from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

BACKEND = "module://nndl.grading_figures"
_KEEP = "_nndl_keep_in_feedback"
_FORMATS = ("image/png", "image/jpeg", "image/svg+xml", "application/pdf")


class FigureManager(FigureManagerBase):
    """``fig.show()`` shows a kept figure (as inline does) and warns about nothing."""

    def show(self):
        if kept(self.canvas.figure):
            _display(self.canvas.figure)


class FigureCanvas(FigureCanvasAgg):
    manager_class = FigureManager


def keep(fig):
    """Mark ``fig`` (a Figure) as worth showing in graded feedback; returns it."""
    setattr(fig, _KEEP, True)
    return fig


def kept(fig):
    """True if ``fig`` was marked with ``keep``."""
    return bool(getattr(fig, _KEEP, False))


def active():
    """True when this module is matplotlib's backend (unmarked figures are discarded)."""
    if matplotlib.__version_info__ >= (3, 10):
        backend = matplotlib.get_backend(auto_select=False)
    else:  # pragma: no cover - older matplotlib
        backend = matplotlib.rcParams._get("backend")
    return backend == BACKEND


def _display(fig):
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    if get_ipython() is None:  # not in IPython (a script): nothing can be shown
        return
    try:
        from matplotlib_inline.backend_inline import _fetch_figure_metadata
        metadata = _fetch_figure_metadata(fig)
    except Exception:
        metadata = None
    display(fig, metadata=metadata)


def show(close=None, block=None):
    """Show the kept figures (as the inline backend would), then close every figure."""
    managers = Gcf.get_all_fig_managers()
    if not managers:
        return
    try:
        for manager in managers:
            if kept(manager.canvas.figure):
                _display(manager.canvas.figure)
    finally:
        import matplotlib.pyplot as plt
        plt.close("all")


def flush_figures():
    """IPython post_execute hook: what a cell left open is shown (if kept) and closed."""
    if not active():  # the learner switched backends (%matplotlib inline): theirs decides
        return
    try:
        show()
    except Exception:
        from IPython import get_ipython
        ip = get_ipython()
        if ip is None:
            raise
        ip.showtraceback()


def _kept_only(formatter):
    def render(fig):
        return formatter(fig) if kept(fig) else None
    render._nndl_kept_only = True
    return render


def _configure(ip):
    """Figure formats as the inline backend sets them, rendering kept figures only; the hook."""
    from matplotlib.figure import Figure
    from IPython.core.pylabtools import select_figure_formats

    formats, kwargs = {"png"}, {"bbox_inches": "tight"}
    try:  # the learner's (or course's) inline configuration, if any
        from matplotlib_inline.config import InlineBackend
        cfg = InlineBackend.instance(parent=ip)
        formats, kwargs = cfg.figure_formats, cfg.print_figure_kwargs
    except Exception:
        pass
    select_figure_formats(ip, formats, **kwargs)
    formatters = ip.display_formatter.formatters
    for mime in _FORMATS:
        formatter = formatters.get(mime)
        if formatter is None:
            continue
        current = formatter.type_printers.get(Figure)
        if current is not None and not getattr(current, "_nndl_kept_only", False):
            formatter.for_type(Figure, _kept_only(current))
    if flush_figures not in ip.events.callbacks["post_execute"]:
        ip.events.register("post_execute", flush_figures)


def _enable_ipython_integration():
    if not active():
        return  # imported for keep()/active() only
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is not None:
        _configure(ip)


_enable_ipython_integration()
