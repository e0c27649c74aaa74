-- Read-only views for Grafana and ad-hoc SQL. They hide ids behind names and version numbers.

-- The final evaluation (epoch NULL) of each (version, split, metric) if there is one, else the value at
-- the last recorded epoch.
CREATE VIEW latest_version_metrics AS
SELECT DISTINCT ON (vm.version_id, vm.split, vm.metric)
       vm.version_id, vm.split, vm.metric, vm.epoch, vm.value, vm.recorded_at
  FROM version_metrics vm
 ORDER BY vm.version_id, vm.split, vm.metric, vm.epoch DESC NULLS FIRST;

CREATE VIEW version_overview AS
SELECT m.name                            AS model,
       v.version_number                  AS version,
       p.version_number                  AS parent_version,
       v.transform ->> 'kind'            AS transform_kind,
       v.transform,
       v.architecture,
       v.parameter_count,
       v.dataset_rows,
       v.preservation_error,
       v.status,
       v.status_reason,
       v.artifact_sha256,
       v.artifact_size,
       v.created_at,
       COALESCE((SELECT array_agg(a.name ORDER BY a.name) FROM aliases a WHERE a.version_id = v.id),
                ARRAY[]::text[])         AS aliases,
       COALESCE((SELECT jsonb_object_agg(lm.split || '.' || lm.metric, lm.value)
                   FROM latest_version_metrics lm WHERE lm.version_id = v.id),
                '{}'::jsonb)             AS latest_metrics
  FROM model_versions v
  JOIN models m ON m.id = v.model_id
  LEFT JOIN model_versions p ON p.id = v.parent_version_id;

CREATE VIEW alias_history AS
SELECT m.name            AS model,
       am.alias,
       f.version_number  AS from_version,
       t.version_number  AS to_version,
       am.moved_by,
       am.reason,
       am.moved_at
  FROM alias_moves am
  JOIN models m ON m.id = am.model_id
  LEFT JOIN model_versions f ON f.id = am.from_version_id
  JOIN model_versions t ON t.id = am.to_version_id;

-- Grafana annotations: one row per event with a human-readable text.
CREATE VIEW event_annotations AS
SELECT e.id,
       e.occurred_at AS time,
       e.type,
       m.name        AS model,
       v.version_number AS version,
       e.payload
  FROM events e
  LEFT JOIN models m ON m.id = e.model_id
  LEFT JOIN model_versions v ON v.id = e.version_id;
