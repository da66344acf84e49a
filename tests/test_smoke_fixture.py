from db import models as m


def test_fixture_gives_empty_current_schema(database):
    assert m.Customer.select().count() == 0
    m.Customer.create(name="Ada", email="ada@example.com", account_value=5)
    assert m.Customer.select().count() == 1
