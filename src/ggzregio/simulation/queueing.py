"""Waiting in front of a capacity-limited service: backlog plus random variation.

The flow model is a fluid model: when demand exceeds free capacity a *backlog* builds up and
is served first-come first-served at the rate places come free, so by Little's law the wait
for someone joining it is ``backlog / admissions``. Below full capacity a fluid model has no
queue at all, yet real services with random arrivals and stays do. That part is added with the
*pointwise stationary approximation*: in each month the service is treated as an M/M/c queue
(Poisson arrivals ``lam`` per month, exponential stays with completion rate ``mu``, ``c``
places), whose mean wait is Erlang's C formula ``C(c, a) / (c mu - lam)`` with ``a = lam/mu``.

Erlang C is exact through the regularised incomplete gamma function, but that costs about
0.2 µs a value and a full run needs tens of millions. :func:`erlang_c` interpolates instead in a
table computed once with the exact formula, on ``log c`` and the Halfin-Whitt variable
``beta = (1 - rho) sqrt(c)``, on which C is smooth for every c (checked against the exact
formula in the tests: absolute error below 2e-3). The scalar functions are compiled with Numba
and used both by the model's kernel and, through :func:`waiting`, on NumPy arrays.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from numpy.typing import NDArray
from scipy import special

from ggzregio.simulation.jit import njit

Array = NDArray[np.float64]

#: Treeknorm: at most 14 weeks from registration to treatment (4 to intake + 10 to treatment;
#: 001:662-664, 681), in months.
TREEKNORM_MONTHS: Final = 14 * 7 / (365.25 / 12)
#: Utilisation above which the random-variation wait is evaluated at this value: beyond it the
#: fluid backlog carries the excess demand.
RHO_MAX: Final = 0.995
C_MIN: Final = 1.0
C_MAX: Final = 1.0e6
BETA_MAX: Final = 8.0
N_LOG_C: Final = 241
N_BETA: Final = 401
LOG_C0: Final = math.log(C_MIN)
D_LOG_C: Final = (math.log(C_MAX) - math.log(C_MIN)) / (N_LOG_C - 1)
D_BETA: Final = BETA_MAX / (N_BETA - 1)


def erlang_c_exact(c: Array, a: Array) -> Array:
    """Probability of waiting in an M/M/c queue with offered load ``a`` (< c), exact.

    Uses Erlang B = Poisson pmf(c; a) / Poisson cdf(c; a), written with the regularised
    upper incomplete gamma function so that ``c`` need not be whole, and
    ``C = c B / (c - a (1 - B))``.
    """
    c = np.asarray(c, dtype=float)
    a = np.asarray(a, dtype=float)
    log_pmf = c * np.log(a) - a - special.gammaln(c + 1)
    cdf = special.gammaincc(c + 1, a)
    b = np.exp(log_pmf - np.log(cdf))
    return np.asarray(c * b / (c - a * (1 - b)), dtype=float)


def _build_table() -> Array:
    log_c = LOG_C0 + D_LOG_C * np.arange(N_LOG_C)
    beta = D_BETA * np.arange(N_BETA)
    cc = np.exp(log_c)[:, None]
    rho = np.clip(1 - beta[None, :] / np.sqrt(cc), 1e-9, 1 - 1e-12)
    values = erlang_c_exact(np.broadcast_to(cc, rho.shape), cc * rho)
    return np.where(np.isfinite(values), np.clip(values, 0.0, 1.0), 0.0)


#: Erlang C on the (log c, beta) grid; a constant of the compiled functions.
TABLE: Final[Array] = _build_table()


@njit(cache=True)
def erlang_c_scalar(c: float, rho: float) -> float:
    """Probability of waiting with ``c`` places at utilisation ``rho`` (table lookup).

    ``c`` below 1 gives NaN (no service to wait for); ``rho`` is capped at :data:`RHO_MAX`.
    """
    if c < C_MIN or math.isnan(c):
        return math.nan
    if rho <= 0.0:
        return 0.0
    rho = min(rho, RHO_MAX)
    c = min(c, C_MAX)
    beta = (1.0 - rho) * math.sqrt(c)
    if beta >= BETA_MAX:
        return 0.0
    x = (math.log(c) - LOG_C0) / D_LOG_C
    y = beta / D_BETA
    i = min(int(x), N_LOG_C - 2)
    j = min(int(y), N_BETA - 2)
    fx = x - i
    fy = y - j
    value: float = (
        TABLE[i, j] * (1.0 - fx) * (1.0 - fy)
        + TABLE[i + 1, j] * fx * (1.0 - fy)
        + TABLE[i, j + 1] * (1.0 - fx) * fy
        + TABLE[i + 1, j + 1] * fx * fy
    )
    return value


@njit(cache=True)
def wait_scalar(
    backlog: float, admissions: float, c: float, lam: float, mu: float
) -> tuple[float, float, float]:
    """Expected wait (months), people waiting and the share waiting beyond the treeknorm.

    ``backlog`` people wait in front of the service and ``admissions`` per month leave that
    backlog: the backlog wait is ``backlog / admissions`` (infinite when nothing is admitted
    while people wait). On top comes the M/M/c wait at the month's utilisation
    ``lam / (c mu)`` (capped at :data:`RHO_MAX`). People waiting = backlog + ``lam`` x random
    wait (Little). The share beyond the treeknorm is ``P(backlog wait + random wait > 14
    weeks)``, the exponential M/M/c tail ``C exp(-(c mu - lam) t)`` shifted by the backlog wait.
    """
    backlog_wait = 0.0
    if backlog > 1e-9:
        backlog_wait = backlog / admissions if admissions > 0 else math.inf
    if c < C_MIN:
        beyond = 1.0 if backlog_wait > TREEKNORM_MONTHS else 0.0
        return (backlog_wait if backlog > 1e-9 else math.nan), backlog, beyond
    rho = min(lam / (c * mu), RHO_MAX)
    prob = erlang_c_scalar(c, rho)
    decay = c * mu * (1.0 - rho)
    random_wait = prob / decay if prob > 0 else 0.0
    rest = TREEKNORM_MONTHS - backlog_wait
    beyond = 1.0 if rest <= 0 else min(prob * math.exp(-decay * rest), 1.0)
    return backlog_wait + random_wait, backlog + lam * random_wait, beyond


def erlang_c(c: Array, rho: Array) -> Array:
    """:func:`erlang_c_scalar` over arrays."""
    c_b, rho_b = np.broadcast_arrays(np.asarray(c, dtype=float), np.asarray(rho, dtype=float))
    out = np.empty(c_b.shape)
    _erlang_c_many(c_b.ravel(), rho_b.ravel(), out.reshape(-1))
    return out


def waiting(
    backlog: Array, admissions: Array, c: Array, lam: Array, mu: Array
) -> tuple[Array, Array, Array]:
    """:func:`wait_scalar` over arrays: wait (months), people waiting, share beyond treeknorm."""
    args = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (backlog, admissions, c, lam, mu))
    )
    flat = [a.ravel() for a in args]
    out = np.empty((3, flat[0].size))
    _waiting_many(flat[0], flat[1], flat[2], flat[3], flat[4], out)
    shape = args[0].shape
    return out[0].reshape(shape), out[1].reshape(shape), out[2].reshape(shape)


@njit(cache=True)
def _erlang_c_many(c: Array, rho: Array, out: Array) -> None:  # pragma: no cover - compiled
    for i in range(c.size):
        out[i] = erlang_c_scalar(c[i], rho[i])


@njit(cache=True)
def _waiting_many(
    backlog: Array, admissions: Array, c: Array, lam: Array, mu: Array, out: Array
) -> None:  # pragma: no cover - compiled
    for i in range(c.size):
        w, p, b = wait_scalar(backlog[i], admissions[i], c[i], lam[i], mu[i])
        out[0, i] = w
        out[1, i] = p
        out[2, i] = b
