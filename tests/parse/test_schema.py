import jsonschema

from pressroom import schema


def test_published_schema_is_current():
    assert schema.load() == schema.generate()


def test_record_validates(seed_record):
    jsonschema.validate(seed_record.to_dict(), schema.load())


def test_invalid_role_is_rejected(seed_record):
    rec = seed_record.to_dict()
    rec["speakers"][0]["role"] = "president"
    try:
        jsonschema.validate(rec, schema.load())
    except jsonschema.ValidationError as e:
        assert "'president' is not one of" in e.message
    else:
        raise AssertionError("an unknown role validated")


def test_round_trip(seed_record):
    from pressroom.record import Transcript

    assert Transcript.from_dict(seed_record.to_dict()).to_dict() == seed_record.to_dict()
