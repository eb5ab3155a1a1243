"""The web application by feature: each module holds the pages and the ``/api/v1`` routes of
one capability, each route thin (parse the request, call the use case in :mod:`ggzregio.app`,
render). :data:`FEATURES` is the order in which they are included."""

from __future__ import annotations

from ggzregio.web.routes import (
    accounts,
    admin,
    agenda,
    estimates,
    inventory,
    members,
    monitor,
    neighbourhood,
    planning,
    regions,
    reports,
    simulation,
)

FEATURES = (
    regions,
    estimates,
    planning,
    inventory,
    monitor,
    simulation,
    neighbourhood,
    agenda,
    accounts,
    members,
    admin,
    reports,
)
