-- Aliases (the champion and user-defined ones) point at one version of their model and move by
-- compare-and-set; every move is recorded in alias_moves, which is never updated.

CREATE TABLE aliases (
    model_id   bigint      NOT NULL REFERENCES models (id),
    name       text        NOT NULL,
    version_id bigint      NOT NULL,
    moved_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (model_id, name),
    CONSTRAINT aliases_version_same_model
        FOREIGN KEY (model_id, version_id) REFERENCES model_versions (model_id, id),
    CONSTRAINT aliases_name_format CHECK (name ~ '^[a-z][a-z0-9_-]{0,63}$')
);

CREATE INDEX aliases_version_idx ON aliases (version_id);

CREATE TABLE alias_moves (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id        bigint      NOT NULL REFERENCES models (id),
    alias           text        NOT NULL,
    from_version_id bigint,
    to_version_id   bigint      NOT NULL,
    moved_by        text        NOT NULL,
    reason          text        NOT NULL DEFAULT '',
    moved_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT alias_moves_from_same_model
        FOREIGN KEY (model_id, from_version_id) REFERENCES model_versions (model_id, id),
    CONSTRAINT alias_moves_to_same_model
        FOREIGN KEY (model_id, to_version_id) REFERENCES model_versions (model_id, id),
    CONSTRAINT alias_moves_alias_format CHECK (alias ~ '^[a-z][a-z0-9_-]{0,63}$'),
    CONSTRAINT alias_moves_moved_by_present CHECK (length(moved_by) > 0)
);

CREATE INDEX alias_moves_model_alias_idx ON alias_moves (model_id, alias, id);
