-- Per-version measurements: (split, metric) at a training epoch, or the final evaluation (epoch NULL).

CREATE TABLE version_metrics (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id  bigint           NOT NULL REFERENCES model_versions (id),
    split       text             NOT NULL,
    metric      text             NOT NULL,
    epoch       integer,
    value       double precision NOT NULL,
    recorded_at timestamptz      NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT version_metrics_split_format CHECK (split ~ '^[a-z][a-z0-9_]{0,31}$'),
    CONSTRAINT version_metrics_metric_format CHECK (metric ~ '^[a-z][a-z0-9_.]{0,63}$'),
    CONSTRAINT version_metrics_epoch_non_negative CHECK (epoch IS NULL OR epoch >= 0),
    CONSTRAINT version_metrics_value_finite CHECK (
        value > '-Infinity'::double precision AND value < 'Infinity'::double precision)
);

-- One value per (version, split, metric, epoch); two partial indexes because the final evaluation has
-- epoch NULL and NULLS NOT DISTINCT needs PostgreSQL 15 (the embedded server is 14).
CREATE UNIQUE INDEX version_metrics_epoch_unique
    ON version_metrics (version_id, split, metric, epoch) WHERE epoch IS NOT NULL;
CREATE UNIQUE INDEX version_metrics_final_unique
    ON version_metrics (version_id, split, metric) WHERE epoch IS NULL;
