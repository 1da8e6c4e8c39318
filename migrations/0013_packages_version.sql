ALTER TABLE `owners` ADD `packages_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every write to a package moves its owner's packages_version (both owners' when a package
-- moves), whichever code or instance makes it; the /packages list is kept per version
-- (lib/packages/list_cache.ts). A flush of download counts is the one write it ignores: the
-- list does not show them. A test updates each column to check it is watched.
CREATE TRIGGER `packages_version_insert` AFTER INSERT ON `packages` BEGIN
	UPDATE `owners` SET `packages_version` = `packages_version` + 1 WHERE `id` = new.owner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `packages_version_delete` AFTER DELETE ON `packages` BEGIN
	UPDATE `owners` SET `packages_version` = `packages_version` + 1 WHERE `id` = old.owner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `packages_version_update` AFTER UPDATE OF `id`, `owner_id`, `name`, `visibility`,
	`description`, `tags`, `readme`, `homepage`, `repository`, `deprecated_at`, `deprecation_message`,
	`unlisted_at`, `archived_at`, `latest_version`, `last_published_at`, `version_count`,
	`created_at`, `updated_at` ON `packages` BEGIN
	UPDATE `owners` SET `packages_version` = `packages_version` + 1
	WHERE `id` IN (old.owner_id, new.owner_id);
END;
