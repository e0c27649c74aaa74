-- Models and their versions: the heart of the registry.
--
-- Invariants the schema itself enforces (so no client bug can store a wrong state):
--   * a model name is unique and usable in MODEL:VERSION references (no colon, no spaces);
--   * version numbers are unique per model and assigned from a per-model counter row
--     (models.last_version_number, advanced with UPDATE ... RETURNING in the registering
--     transaction), so concurrent registrations get 1, 2, 3 ... with no gap or duplicate;
--   * a version's parent belongs to the same model (composite foreign key);
--   * only the seed version has no parent, and exactly the versions with a parent carry the
--     transform that made them;
--   * the artifact checksum is a lowercase hex SHA-256 and the status is one of five values,
--     with a reason exactly when the version was rejected or failed.

CREATE TABLE models (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text        NOT NULL,
    description         text        NOT NULL DEFAULT '',
    last_version_number integer     NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT models_name_unique UNIQUE (name),
    CONSTRAINT models_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    CONSTRAINT models_counter_non_negative CHECK (last_version_number >= 0)
);

COMMENT ON COLUMN models.last_version_number IS
    'Per-model version counter. Advanced with UPDATE ... RETURNING inside the transaction that inserts '
    'the version: the row lock serialises concurrent registrations and a rollback returns the number.';

CREATE TABLE model_versions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id           bigint           NOT NULL REFERENCES models (id),
    version_number     integer          NOT NULL,
    parent_version_id  bigint,
    transform          jsonb,
    architecture       text             NOT NULL,
    parameter_count    bigint           NOT NULL,
    dataset_rows       bigint           NOT NULL,
    dataset_digest     text             NOT NULL,
    preservation_error double precision,
    status             text             NOT NULL,
    status_reason      text,
    artifact_sha256    text             NOT NULL,
    artifact_size      bigint           NOT NULL,
    artifact_uri       text             NOT NULL,
    created_at         timestamptz      NOT NULL DEFAULT clock_timestamp(),
    updated_at         timestamptz      NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT model_versions_number_unique UNIQUE (model_id, version_number),
    -- The target of the composite foreign keys below ("this version belongs to that model").
    CONSTRAINT model_versions_model_id_unique UNIQUE (model_id, id),
    CONSTRAINT model_versions_parent_same_model
        FOREIGN KEY (model_id, parent_version_id) REFERENCES model_versions (model_id, id),

    CONSTRAINT model_versions_number_positive CHECK (version_number >= 1),
    -- A parent is registered before its children, so its identity is smaller: lineage can never cycle.
    CONSTRAINT model_versions_parent_older CHECK (parent_version_id < id),
    CONSTRAINT model_versions_transform_iff_parent CHECK ((parent_version_id IS NULL) = (transform IS NULL)),
    CONSTRAINT model_versions_transform_shape CHECK (
        transform IS NULL
        OR (jsonb_typeof(transform) = 'object'
            AND jsonb_typeof(transform -> 'kind') = 'string'
            AND length(transform ->> 'kind') > 0)),
    CONSTRAINT model_versions_architecture_present CHECK (length(architecture) > 0),
    CONSTRAINT model_versions_parameters_non_negative CHECK (parameter_count >= 0),
    CONSTRAINT model_versions_dataset_rows_non_negative CHECK (dataset_rows >= 0),
    CONSTRAINT model_versions_dataset_digest_format CHECK (dataset_digest ~ '^[0-9a-f]{64}$'),
    -- In PostgreSQL NaN sorts above Infinity, so "< Infinity" rejects both.
    CONSTRAINT model_versions_preservation_error_finite CHECK (
        preservation_error IS NULL
        OR (preservation_error >= 0 AND preservation_error < 'Infinity'::double precision)),
    CONSTRAINT model_versions_status_known CHECK (
        status IN ('training', 'candidate', 'ready', 'rejected', 'failed')),
    CONSTRAINT model_versions_reason_iff_rejected_or_failed CHECK (
        (status IN ('rejected', 'failed')) = (status_reason IS NOT NULL)),
    CONSTRAINT model_versions_reason_not_blank CHECK (status_reason IS NULL OR length(btrim(status_reason)) > 0),
    CONSTRAINT model_versions_artifact_sha256_format CHECK (artifact_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT model_versions_artifact_size_non_negative CHECK (artifact_size >= 0),
    CONSTRAINT model_versions_artifact_uri_present CHECK (length(artifact_uri) > 0)
);

-- Lineage walks parent -> children (descendants) and child -> parent (ancestors, by primary key).
CREATE INDEX model_versions_parent_idx ON model_versions (parent_version_id) WHERE parent_version_id IS NOT NULL;
-- The artifact sweep asks "does any version name this checksum?".
CREATE INDEX model_versions_artifact_sha256_idx ON model_versions (artifact_sha256);
CREATE INDEX model_versions_status_idx ON model_versions (model_id, status);

-- What a version is (its lineage, transform, data and artifact) never changes once registered; only its
-- status moves on. A trigger rather than privileges, so it holds for every role, including the owner.
CREATE FUNCTION model_versions_forbid_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.model_id IS DISTINCT FROM OLD.model_id
       OR NEW.version_number IS DISTINCT FROM OLD.version_number
       OR NEW.parent_version_id IS DISTINCT FROM OLD.parent_version_id
       OR NEW.transform IS DISTINCT FROM OLD.transform
       OR NEW.architecture IS DISTINCT FROM OLD.architecture
       OR NEW.parameter_count IS DISTINCT FROM OLD.parameter_count
       OR NEW.dataset_rows IS DISTINCT FROM OLD.dataset_rows
       OR NEW.dataset_digest IS DISTINCT FROM OLD.dataset_digest
       OR NEW.preservation_error IS DISTINCT FROM OLD.preservation_error
       OR NEW.artifact_sha256 IS DISTINCT FROM OLD.artifact_sha256
       OR NEW.artifact_size IS DISTINCT FROM OLD.artifact_size
       OR NEW.artifact_uri IS DISTINCT FROM OLD.artifact_uri
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'version % of model % is immutable except for its status', OLD.version_number, OLD.model_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER model_versions_immutable BEFORE UPDATE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION model_versions_forbid_rewrite();

CREATE FUNCTION forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted: the registry keeps every model and version', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER models_no_delete BEFORE DELETE ON models FOR EACH ROW EXECUTE FUNCTION forbid_delete();
CREATE TRIGGER model_versions_no_delete BEFORE DELETE ON model_versions FOR EACH ROW EXECUTE FUNCTION forbid_delete();
