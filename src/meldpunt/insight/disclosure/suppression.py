"""Primary and complementary suppression, audited until no suppressed count is exposed."""

from __future__ import annotations

from collections import deque

from .network import Network, Residual


def protect(network: Network, *, threshold: int) -> Residual:
    """Suppress every count in 1..threshold-1, then, while the attacker can narrow a suppressed count
    too far, the cheapest published entries that widen it. A count under the threshold must keep at
    least `threshold` + 1 possible values (so, being at least 1, it may also be above the threshold);
    any other suppressed count must keep two. Suppressing one more entry only relaxes what the
    attacker knows, so an entry found safe stays safe and each is audited until it is."""
    if threshold < 1:
        raise ValueError("the threshold is a count of at least 1")
    residual = Residual(network)
    small = [entry for entry, value in enumerate(network.values) if 0 < value < threshold]
    for entry in small:
        residual.suppress(entry)
    queue = deque(small)
    while queue:
        entry = queue[0]
        opening = residual.opening(entry, threshold if 0 < network.values[entry] < threshold else 1)
        if not opening:
            queue.popleft()
        for extra in opening:
            residual.suppress(extra)
            queue.append(extra)
    return residual
