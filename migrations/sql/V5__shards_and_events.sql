-- Dataset shards, recorded once each, and the append-only event log.

CREATE TABLE dataset_shards (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset     text        NOT NULL,
    path        text        NOT NULL,
    sha256      text        NOT NULL,
    rows        bigint      NOT NULL,
    status      text        NOT NULL,
    reason      text,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT dataset_shards_path_sha256_unique UNIQUE (path, sha256),
    CONSTRAINT dataset_shards_dataset_format CHECK (dataset ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    CONSTRAINT dataset_shards_path_present CHECK (length(path) > 0),
    CONSTRAINT dataset_shards_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT dataset_shards_rows_non_negative CHECK (rows >= 0),
    CONSTRAINT dataset_shards_status_known CHECK (status IN ('ingested', 'quarantined')),
    CONSTRAINT dataset_shards_reason_iff_quarantined CHECK ((status = 'quarantined') = (reason IS NOT NULL))
);

CREATE INDEX dataset_shards_dataset_idx ON dataset_shards (dataset, status);

-- Readers follow the log by id ("everything after id N"). For that to be safe, ids must become visible
-- in id order: a transaction that got id 11 must not commit before one that got id 10, or a reader could
-- skip 10 for ever. So ids are not a column default (evaluated before any trigger runs): a BEFORE INSERT
-- trigger takes a transaction-scoped advisory lock first and only then draws the id, which makes event
-- writers commit in id order. Event inserts come last in their transactions, so the lock is held briefly.
CREATE SEQUENCE events_id_seq AS bigint;

CREATE TABLE events (
    id          bigint      PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    type        text        NOT NULL,
    model_id    bigint      REFERENCES models (id),
    version_id  bigint      REFERENCES model_versions (id),
    payload     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT events_type_format CHECK (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT events_payload_object CHECK (jsonb_typeof(payload) = 'object')
);

ALTER SEQUENCE events_id_seq OWNED BY events.id;

CREATE INDEX events_model_idx ON events (model_id, id);

CREATE FUNCTION events_assign_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- (0x4E324E00 = 'N2N\0', 1): the net2net event-order lock; see the comment above.
    PERFORM pg_advisory_xact_lock(1311919616, 1);
    NEW.id := nextval('events_id_seq');
    RETURN NEW;
END;
$$;

CREATE TRIGGER events_assign_id BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION events_assign_id();

CREATE FUNCTION events_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the events table is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_forbid_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_forbid_change();
