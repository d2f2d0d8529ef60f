-- Re-rejected inputs replace their earlier entry (see BatchWriter.forgetEarlierCopies); this index
-- keeps that lookup cheap as the quarantine grows.
CREATE INDEX quarantine_origin ON tributary.quarantine (pipeline, stream, origin);
