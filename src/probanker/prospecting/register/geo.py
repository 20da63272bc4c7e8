"""Coordinates: SIRENE's projected positions to WGS 84, and distances on the ground.

INSEE publishes establishments' positions in the legal projection of their
territory: Lambert 93 (EPSG:2154) in metropolitan France and Corsica, the UTM
zones of RGAF09, RGFG95, RGR92, RGM04 and RGSPM06 overseas. pyproj converts
them; a position outside its projection's domain comes back as NaN.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from numpy.typing import NDArray
from pyproj import Transformer

LAMBERT_93 = "EPSG:2154"
WGS_84 = "EPSG:4326"
#: Overseas départements (three-character code) → the projection INSEE uses there.
OVERSEAS = {
    "971": "EPSG:5490",  # Guadeloupe, RGAF09 / UTM 20N
    "972": "EPSG:5490",  # Martinique
    "977": "EPSG:5490",  # Saint-Barthélemy
    "978": "EPSG:5490",  # Saint-Martin
    "973": "EPSG:2972",  # Guyane, RGFG95 / UTM 22N
    "974": "EPSG:2975",  # La Réunion, RGR92 / UTM 40S
    "976": "EPSG:4471",  # Mayotte, RGM04 / UTM 38S
    "975": "EPSG:4467",  # Saint-Pierre-et-Miquelon, RGSPM06 / UTM 21N
}
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(crs, WGS_84, always_xy=True)


def to_wgs84(
    x: NDArray[np.float64], y: NDArray[np.float64], departement: NDArray[np.object_]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Longitudes and latitudes of projected positions (NaN where none or out of domain)."""
    lon = np.full(x.shape, np.nan)
    lat = np.full(x.shape, np.nan)
    known = np.isfinite(x) & np.isfinite(y)
    overseas = np.isin(departement, list(OVERSEAS))
    groups: dict[str, NDArray[np.bool_]] = {LAMBERT_93: known & ~overseas}
    for code, crs in OVERSEAS.items():
        mask = known & (departement == code)
        groups[crs] = groups.get(crs, np.zeros(x.shape, bool)) | mask
    for crs, mask in groups.items():
        if mask.any():
            gx, gy = _transformer(crs).transform(x[mask], y[mask], errcheck=False)
            lon[mask], lat[mask] = gx, gy
    bad = ~(np.isfinite(lon) & np.isfinite(lat)) | (np.abs(lat) > 90) | (np.abs(lon) > 180)
    lon[bad] = np.nan
    lat[bad] = np.nan
    return lon, lat


def lambert93_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """One Lambert 93 position as (longitude, latitude)."""
    lon, lat = _transformer(LAMBERT_93).transform(x, y)
    return float(lon), float(lat)


def wgs84_to_lambert93(lon: float, lat: float) -> tuple[float, float]:
    """One WGS 84 position in Lambert 93 (x, y), e.g. to write INSEE-like test files."""
    x, y = Transformer.from_crs(WGS_84, LAMBERT_93, always_xy=True).transform(lon, lat)
    return float(x), float(y)


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in kilometres between two WGS 84 positions."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
