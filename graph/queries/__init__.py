"""Store-independent query algorithms over plain records.

The embedded store calls them directly on the events it loads; another store may
push a query down to its own engine or reuse these functions on the records it
returns.
"""

from graph.queries.filters import select_events
from graph.queries.followed import FollowedPair, followed, followed_pairwise
from graph.queries.stats import CorrelationStats, correlation_stats
from graph.queries.timeline import timeline

__all__ = [
    "CorrelationStats",
    "FollowedPair",
    "correlation_stats",
    "followed",
    "followed_pairwise",
    "select_events",
    "timeline",
]
