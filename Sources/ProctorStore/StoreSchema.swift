import GRDB

/// The progress database's schema: every migration from the first version on, in order.
///
/// Migrations are only ever appended; a released one is never edited. `PRAGMA application_id`
/// marks the file as Proctor's, and `PRAGMA user_version` holds the number of the last migration,
/// so an older Proctor can tell that a file comes from a newer one.
enum StoreSchema {
    /// `PRAGMA application_id` of a Proctor database: "PRCT".
    static let applicationID: Int32 = 0x5052_4354

    /// The migrations, oldest first; `user_version` is set to the position of the last one applied.
    static let migrations: [(identifier: String, sql: String)] = [
        ("v1", version1),
        ("v2", version2),
    ]

    /// The schema version this build writes.
    static var currentVersion: Int { migrations.count }

    /// The migrator that brings any older Proctor database up to `currentVersion`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (position, migration) in migrations.enumerated() {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(position + 1)")
            }
        }
        return migrator
    }

    /// Attempts and their event logs, review cards and the review log.
    ///
    /// Times are seconds since 1970 (UTC) as REAL. Forms, events and reports are JSON of the core's
    /// Codable values; the columns beside them exist for queries (history, stats, exposure).
    private static let version1 = """
        CREATE TABLE attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('exam', 'practice')),
            bank_id TEXT NOT NULL,
            bank_version TEXT NOT NULL,
            exam_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            question_count INTEGER NOT NULL CHECK (question_count >= 0),
            time_limit_seconds INTEGER NOT NULL CHECK (time_limit_seconds >= 0),
            feeds_schedule INTEGER NOT NULL CHECK (feeds_schedule IN (0, 1)),
            form TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in-progress', 'finished', 'abandoned')),
            started_at REAL NOT NULL,
            finished_at REAL,
            submit_reason TEXT CHECK (submit_reason IN ('candidate', 'timeout')),
            elapsed_seconds REAL NOT NULL DEFAULT 0 CHECK (elapsed_seconds >= 0),
            percent REAL,
            scaled_score INTEGER,
            passed INTEGER CHECK (passed IN (0, 1)),
            report TEXT,
            CHECK ((status = 'in-progress') = (finished_at IS NULL))
        );
        CREATE INDEX attempt_by_status ON attempt (status, started_at);
        CREATE INDEX attempt_by_bank ON attempt (bank_id, started_at);

        CREATE TABLE attempt_event (
            attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            kind TEXT NOT NULL,
            recorded_at REAL NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (attempt_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE attempt_question (
            attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 1),
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            is_pretest INTEGER NOT NULL CHECK (is_pretest IN (0, 1)),
            domain_id TEXT,
            topic_id TEXT,
            answered INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
            correct INTEGER CHECK (correct IN (0, 1)),
            credit REAL CHECK (credit BETWEEN 0 AND 1),
            flagged INTEGER CHECK (flagged IN (0, 1)),
            seconds REAL CHECK (seconds >= 0),
            PRIMARY KEY (attempt_id, position),
            UNIQUE (attempt_id, question_id)
        ) WITHOUT ROWID;
        CREATE INDEX attempt_question_by_question ON attempt_question (bank_id, question_id);

        CREATE TABLE card (
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            phase TEXT NOT NULL CHECK (phase IN ('learning', 'review', 'relearning')),
            step INTEGER CHECK (step >= 0),
            stability REAL NOT NULL CHECK (stability > 0),
            difficulty REAL NOT NULL CHECK (difficulty BETWEEN 1 AND 10),
            due REAL NOT NULL,
            last_review REAL NOT NULL,
            PRIMARY KEY (bank_id, question_id),
            CHECK ((phase = 'review') = (step IS NULL))
        ) WITHOUT ROWID;
        CREATE INDEX card_by_due ON card (bank_id, due);

        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at REAL NOT NULL,
            duration_ms INTEGER CHECK (duration_ms >= 0),
            source TEXT NOT NULL CHECK (source IN ('exam', 'practice', 'review', 'drill')),
            attempt_id INTEGER REFERENCES attempt (id) ON DELETE SET NULL,
            phase TEXT NOT NULL CHECK (phase IN ('learning', 'review', 'relearning')),
            step INTEGER CHECK (step >= 0),
            stability REAL NOT NULL,
            difficulty REAL NOT NULL,
            due REAL NOT NULL,
            elapsed_days INTEGER,
            retrievability_before REAL,
            interval_seconds REAL NOT NULL,
            FOREIGN KEY (bank_id, question_id) REFERENCES card (bank_id, question_id) ON DELETE CASCADE
        );
        CREATE INDEX review_log_by_card ON review_log (bank_id, question_id, reviewed_at);
        CREATE INDEX review_log_by_attempt ON review_log (attempt_id);
        """

    /// Whether each answer in the review log was right, and leeches set aside on their card.
    ///
    /// `review_log.correct` is NULL for reviews saved before it existed: their correctness is read
    /// from the rating as before (right unless Again). `card.suspended` is 1 for a card set aside
    /// as a leech; the cards that were leeches by the rule of version 1 (eight lapses or more, a
    /// lapse being Again given to a card in review) are set aside here, as they already were.
    private static let version2 = """
        ALTER TABLE review_log ADD COLUMN correct INTEGER CHECK (correct IN (0, 1));
        ALTER TABLE card ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1));
        UPDATE card SET suspended = 1
        WHERE (SELECT COUNT(*) FROM review_log r
               WHERE r.bank_id = card.bank_id AND r.question_id = card.question_id AND r.rating = 1
                 AND (SELECT p.phase FROM review_log p
                      WHERE p.bank_id = r.bank_id AND p.question_id = r.question_id AND p.id < r.id
                      ORDER BY p.id DESC LIMIT 1) = 'review') >= 8;
        """
}
