"""Maps drawn on the server as inline SVG from boundaries that ship in this package (pure, no Django).

No tile server and no network: a reader's browser asks nothing of anyone but this site.
"""

from meldpunt.knowledge.mapping.boundaries import Country, countries
from meldpunt.knowledge.mapping.svg import BoundingBox, Dot, Projection, bounding_box_around, map_svg

__all__ = ["BoundingBox", "Country", "Dot", "Projection", "bounding_box_around", "countries", "map_svg"]
