CREATE TABLE `context_log_counts` (
	`context_id` text NOT NULL,
	`minute` integer NOT NULL,
	`level` integer NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`context_id`, `minute`, `level`),
	FOREIGN KEY (`context_id`) REFERENCES `contexts`(`id`) ON UPDATE no action ON DELETE cascade
);
