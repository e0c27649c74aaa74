-- One row per growth job, for Grafana's "time each growth took" and ad-hoc SQL: what was asked (policy,
-- rule, action), how long it waited and how long it ran, and what it produced.
--
-- growth_jobs keeps when a job was queued and finished but not when its last attempt started: a claim
-- only appends a 'job.claimed' event (payload {"job": <id>, ...}). The latest such event of a job is the
-- start of the attempt that finished it, so duration_seconds is claim-to-outcome, the same span the
-- daemon's net2net_growth_duration_seconds timer measures. The partial index keeps that lookup from
-- scanning the whole event log; it indexes the payload's text, so no event can ever fail to insert
-- because of it.

CREATE INDEX events_job_claimed_idx ON events ((payload ->> 'job')) WHERE type = 'job.claimed';

CREATE VIEW growth_history AS
SELECT m.name                                             AS model,
       j.id                                               AS job,
       j.spec ->> 'kind'                                  AS job_kind,
       COALESCE(j.spec -> 'action' ->> 'type', j.spec ->> 'kind') AS action,
       j.spec ->> 'policy'                                AS policy,
       j.spec ->> 'rule'                                  AS rule,
       j.status,
       j.attempts,
       d.outcome                                          AS decision_outcome,
       j.created_at                                       AS queued_at,
       c.started_at,
       j.finished_at,
       extract(epoch FROM c.started_at - j.created_at)::double precision    AS wait_seconds,
       extract(epoch FROM j.finished_at - c.started_at)::double precision   AS duration_seconds,
       p.version_number                                   AS parent_version,
       r.version_number                                   AS result_version,
       r.status                                           AS result_status,
       r.transform ->> 'kind'                             AS transform_kind,
       r.transform ->> 'layer'                            AS layer,
       p.parameter_count                                  AS parameters_before,
       r.parameter_count                                  AS parameters_after,
       r.preservation_error,
       j.last_error
  FROM growth_jobs j
  JOIN models m ON m.id = j.model_id
  LEFT JOIN policy_decisions d ON d.id = j.decision_id
  LEFT JOIN model_versions r ON r.id = j.result_version_id
  LEFT JOIN model_versions p ON p.id = r.parent_version_id
  LEFT JOIN LATERAL (
       SELECT max(e.occurred_at) AS started_at
         FROM events e
        WHERE e.type = 'job.claimed' AND e.payload ->> 'job' = j.id::text) c ON true;
