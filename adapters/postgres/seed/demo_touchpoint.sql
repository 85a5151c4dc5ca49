-- make run's touchpoint application (the subject of the touchpoint token it prints) sells at the
-- webshop, so its orders and those of the customers it brings are made there. Run with every
-- demo load: it registers the application once and changes nothing after.
UPDATE sales_touchpoint SET client_id = 'touchpoint-dev'
WHERE id = 3 AND client_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM sales_touchpoint WHERE client_id = 'touchpoint-dev');
