import pytest
import time_machine

from apps.kpi.tests.data import NOW, build_landlord_a, build_landlord_b


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def a(db, frozen):
    return build_landlord_a()


@pytest.fixture
def b(db, frozen):
    return build_landlord_b()


@pytest.fixture
def kpi(auth_client):
    """``kpi(user, path, **params)``: the JSON body of a 200 answer."""

    def get(user, path, expect=200, **params):
        response = auth_client(user).get(path, params)
        assert response.status_code == expect, response.content[:500]
        return response.json()

    return get
