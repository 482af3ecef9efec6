-- Up Migration
-- Every statement that changes the switches announces it on the channel tracelab_faults, in its
-- own transaction (delivered at commit, never for a rollback). Each service LISTENs there and
-- re-reads the table: nothing polls it. Whoever writes (the gateway's admin API, a test, psql)
-- needs to do nothing more.
CREATE FUNCTION announce_fault_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tracelab_faults', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER faults_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON faults
  FOR EACH STATEMENT EXECUTE FUNCTION announce_fault_change();

-- Down Migration
DROP TRIGGER faults_changed ON faults;
DROP FUNCTION announce_fault_change();
