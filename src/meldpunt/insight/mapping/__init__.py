"""The Netherlands by province, drawn on the server as inline SVG from boundaries shipped here."""
