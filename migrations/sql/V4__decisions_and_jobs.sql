-- Policy decisions (what the policy engine saw and decided) and the growth-job queue they feed.

CREATE TABLE policy_decisions (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id             bigint      NOT NULL REFERENCES models (id),
    policy               text        NOT NULL,
    rule                 text        NOT NULL,
    signals              jsonb       NOT NULL,
    action               text        NOT NULL,
    outcome              text        NOT NULL,
    resulting_version_id bigint,
    decided_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT policy_decisions_result_same_model
        FOREIGN KEY (model_id, resulting_version_id) REFERENCES model_versions (model_id, id),
    CONSTRAINT policy_decisions_signals_object CHECK (jsonb_typeof(signals) = 'object'),
    CONSTRAINT policy_decisions_policy_present CHECK (length(policy) > 0),
    CONSTRAINT policy_decisions_rule_present CHECK (length(rule) > 0),
    CONSTRAINT policy_decisions_action_present CHECK (length(action) > 0),
    CONSTRAINT policy_decisions_outcome_present CHECK (length(outcome) > 0)
);

CREATE INDEX policy_decisions_model_idx ON policy_decisions (model_id, id);

-- A job is a row before any work starts. Workers claim with SELECT ... FOR UPDATE SKIP LOCKED and hold
-- a lease (owner, token, expiry in database time, so replicas' clocks do not matter); a job whose lease
-- expired is claimable again. The dedupe key makes "enqueue" idempotent: a decision never makes two jobs.
CREATE TABLE growth_jobs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id          bigint      NOT NULL REFERENCES models (id),
    dedupe_key        text        NOT NULL,
    decision_id       bigint      REFERENCES policy_decisions (id),
    spec              jsonb       NOT NULL,
    status            text        NOT NULL DEFAULT 'queued',
    attempts          integer     NOT NULL DEFAULT 0,
    max_attempts      integer     NOT NULL,
    run_after         timestamptz NOT NULL DEFAULT clock_timestamp(),
    lease_owner       text,
    lease_token       uuid,
    lease_expires_at  timestamptz,
    last_error        text,
    result_version_id bigint,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at       timestamptz,
    CONSTRAINT growth_jobs_dedupe_key_unique UNIQUE (dedupe_key),
    CONSTRAINT growth_jobs_result_same_model
        FOREIGN KEY (model_id, result_version_id) REFERENCES model_versions (model_id, id),
    CONSTRAINT growth_jobs_dedupe_key_present CHECK (length(dedupe_key) > 0),
    CONSTRAINT growth_jobs_spec_object CHECK (jsonb_typeof(spec) = 'object'),
    CONSTRAINT growth_jobs_status_known CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    CONSTRAINT growth_jobs_attempts_in_range CHECK (attempts >= 0 AND attempts <= max_attempts),
    CONSTRAINT growth_jobs_max_attempts_positive CHECK (max_attempts >= 1),
    CONSTRAINT growth_jobs_lease_all_or_none CHECK (num_nulls(lease_owner, lease_token, lease_expires_at) IN (0, 3)),
    CONSTRAINT growth_jobs_lease_iff_running CHECK ((status = 'running') = (lease_token IS NOT NULL)),
    CONSTRAINT growth_jobs_finished_iff_terminal CHECK (
        (status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL)),
    CONSTRAINT growth_jobs_failed_has_error CHECK (status <> 'failed' OR last_error IS NOT NULL)
);

CREATE INDEX growth_jobs_queued_idx ON growth_jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX growth_jobs_lease_idx ON growth_jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX growth_jobs_model_idx ON growth_jobs (model_id, id);
