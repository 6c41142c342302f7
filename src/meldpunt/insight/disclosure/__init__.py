"""Disclosure control for published count tables (DESIGN rule 7).

What it protects against. A count of 1 to THRESHOLD-1 reports in a cell of a published table can
point at a handful of people. Such a count is never published, and neither is anything that lets a
reader work it out from the rest of the same table: every cell, row and column total and the grand
total is an entry, and an entry is suppressed (primary suppression) when its count is small.
Complementary entries are then suppressed until an attacker who knows

- every published entry of the table,
- that every line adds up (the cells of a row to its total, of a column to its total, the row
  totals and the column totals each to the grand total),
- that counts are never negative, and that a suppressed count is at least 1 (zeros are published,
  since a known zero points at no one, so a blank is never a zero),

can narrow no suppressed entry too far. How far an attacker can narrow it is computed, not guessed:
for every suppressed entry the least and greatest value consistent with all of the above, which is
what a linear programme (and, the table's constraints being a network, integer programming too)
derives; `network` computes these bounds exactly as maximum flows. The rule:

- a small count (1..THRESHOLD-1) keeps an interval at least THRESHOLD wide, i.e. at least
  THRESHOLD + 1 possible values; starting from 1, it thus always reaches above the threshold, so the
  attacker can neither pin the count nor prove that it is small;
- any other suppressed count keeps at least two possible values (it cannot be pinned).

Complements are chosen as the cheapest path that lets a too-narrow entry move (Castro's
shortest-path heuristic): the smallest cells first, totals only where no set of cells does. Optimal
cell suppression is NP-hard; this suppresses more than the minimum at times, never too little.

What it does not cover (the caller's part, and the limits the method section of a report states):

- Differencing between tables. Each call protects one table. A figure published in two tables over
  the same population must come from one protected table: a one-way breakdown that is a margin of a
  two-way table is read from that table's totals, never protected again on its own (a total
  suppressed in one and published in the other would undo the suppression). Two tables that only
  share their grand total (months, provinces, communities x origin states) are protected with
  `total_published=True`: the total stays published in both and is never a complement, and a table
  that cannot be protected that way raises Unprotectable for the caller to withhold. Tables over
  nested or overlapping populations (a month and the quarter holding it, all reports and one
  community, the same table before and after new reports arrive) can be subtracted from each other:
  publish a fixed set of tables, over closed periods where the figures would otherwise move one
  report at a time, and offer no free filters.
- Overlapping units. A table in which one report counts in several cells (tactics) is not an
  additive table of reports: its "total" counts report-tactic pairs, and two reports sharing a
  tactic are not told apart by it. Such counts are protected one by one, each as its own table.
- Knowledge of this algorithm. An attacker who reruns it on each candidate completion of a table
  can rule out completions that would have led to other suppressions (a complement is cheaper than
  its alternatives). The bounds above do not model that; the threshold-wide interval is a margin
  against such narrowing, not a proof.
- Knowledge from outside the tables: someone who knows some of the reports (their own, say) can
  subtract them. No table method prevents that; the threshold limits what remains.
"""

from .network import Unprotectable
from .tables import THRESHOLD, OneWay, TwoWay, one_way_protect, two_way_protect

__all__ = ["THRESHOLD", "OneWay", "TwoWay", "Unprotectable", "one_way_protect", "two_way_protect"]
