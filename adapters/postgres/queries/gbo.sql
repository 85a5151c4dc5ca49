-- The GBO stand-in (postgres.GBO): cards, their personal account data and the product templates
-- each token type can carry.

-- name: GBOCardByXTat :one
SELECT * FROM gbo_card WHERE x_tat = @x_tat;

-- name: GBOCardByXBot :one
SELECT * FROM gbo_card WHERE x_bot = @x_bot;

-- name: GBOCardByServiceReference :one
SELECT * FROM gbo_card WHERE service_reference_id = @service_reference_id AND amount = @amount;

-- name: GBOCardByOvpas :one
SELECT * FROM gbo_card WHERE ovpas_number = @ovpas_number AND verification_code = @verification_code;

-- name: GBOCardsByXTats :many
SELECT * FROM gbo_card WHERE x_tat = ANY(@x_tats::uuid[]);

-- name: GBOPadByXTats :many
SELECT * FROM gbo_pad_attribute WHERE x_tat = ANY(@x_tats::uuid[]) ORDER BY x_tat, attribute;

-- name: GBONotCarried :many
-- The templates of the list that a token of the type cannot carry: unknown ones included.
SELECT t.id::text AS package_template_id
FROM unnest(@package_template_ids::text[]) AS t(id)
LEFT JOIN gbo_package_template p ON p.package_template_id = t.id
WHERE p.package_template_id IS NULL OR NOT (@token_type_id::integer = ANY(p.token_type_ids))
ORDER BY t.id;

-- name: GBOLockCards :many
-- Both cards of a move, locked in a fixed order so two moves cannot deadlock.
SELECT x_tat FROM gbo_card WHERE x_tat = ANY(@x_tats::uuid[]) ORDER BY x_tat FOR UPDATE;

-- name: GBODropPadOfMovedAttributes :exec
-- Before a move: the new card's attributes that the old card's replace.
DELETE FROM gbo_pad_attribute d
WHERE d.x_tat = @to_x_tat
  AND d.attribute IN (SELECT s.attribute FROM gbo_pad_attribute s WHERE s.x_tat = @from_x_tat);

-- name: GBOMovePad :exec
UPDATE gbo_pad_attribute SET x_tat = @to_x_tat WHERE x_tat = @from_x_tat;

-- name: GBOMoveBirthdate :exec
-- The PAD's birthdate value goes with its attributes: the old card's, when it has one, replaces the
-- new card's, and the old card is left without.
WITH moved AS (
    UPDATE gbo_card n SET birthdate = o.birthdate
    FROM gbo_card o
    WHERE o.x_tat = @from_x_tat AND n.x_tat = @to_x_tat AND o.birthdate IS NOT NULL
    RETURNING n.x_tat
)
UPDATE gbo_card f SET birthdate = NULL WHERE f.x_tat = @from_x_tat AND f.birthdate IS NOT NULL;

-- name: GBOMovePurseAndReload :exec
-- An ACTIVE e-purse of the old card adds its balance to the new card's (which becomes ACTIVE), and
-- its auto-reload registration moves when it has one; GBOClearPurseAndReload then empties the old
-- card, so a second move finds nothing to move.
UPDATE gbo_card n SET
    e_purse_status = CASE WHEN o.e_purse_status = 'ACTIVE' THEN 'ACTIVE' ELSE n.e_purse_status END,
    e_purse_currency = CASE WHEN o.e_purse_status = 'ACTIVE' THEN coalesce(n.e_purse_currency, o.e_purse_currency)
                            ELSE n.e_purse_currency END,
    e_purse_amount = CASE WHEN o.e_purse_status = 'ACTIVE'
                          THEN coalesce(n.e_purse_amount, 0) + coalesce(o.e_purse_amount, 0)
                          ELSE n.e_purse_amount END,
    e_purse_origin_date = CASE WHEN o.e_purse_status = 'ACTIVE' THEN coalesce(n.e_purse_origin_date, o.e_purse_origin_date)
                               ELSE n.e_purse_origin_date END,
    auto_reload_amount = coalesce(o.auto_reload_amount, n.auto_reload_amount),
    auto_reload_retailer_reference_id = CASE WHEN o.auto_reload_amount IS NULL THEN n.auto_reload_retailer_reference_id
                                             ELSE o.auto_reload_retailer_reference_id END,
    auto_reload_arrit = CASE WHEN o.auto_reload_amount IS NULL THEN n.auto_reload_arrit ELSE o.auto_reload_arrit END,
    auto_reload_status = CASE WHEN o.auto_reload_amount IS NULL THEN n.auto_reload_status ELSE o.auto_reload_status END,
    auto_reload_start = CASE WHEN o.auto_reload_amount IS NULL THEN n.auto_reload_start ELSE o.auto_reload_start END
FROM gbo_card o
WHERE o.x_tat = @from_x_tat AND n.x_tat = @to_x_tat;

-- name: GBOClearPurseAndReload :exec
UPDATE gbo_card SET
    e_purse_status = CASE WHEN e_purse_status IS NULL THEN NULL ELSE 'INACTIVE' END,
    e_purse_amount = CASE WHEN e_purse_status IS NULL THEN NULL ELSE 0 END,
    auto_reload_amount = NULL, auto_reload_retailer_reference_id = NULL, auto_reload_arrit = NULL,
    auto_reload_status = NULL, auto_reload_start = NULL
WHERE x_tat = @x_tat;
