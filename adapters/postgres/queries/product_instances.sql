-- name: ProductInstancesByTokens :many
SELECT p.id, p.ovpay_token_id, p.product_id, p.name, p.status, p.is_renewable, p.product_category_id,
       c.name AS product_category_name, p.package_template_id, p.from_inclusive, p.until_inclusive,
       p.order_id, p.order_line_id, p.contract_id
FROM product_instance p
JOIN product_category c ON c.id = p.product_category_id
WHERE p.ovpay_token_id = ANY(@token_ids::bigint[])
ORDER BY p.ovpay_token_id, p.from_inclusive, p.id;

-- name: ActivePackageTemplates :many
-- The package templates of a token's active product instances, each once.
SELECT DISTINCT package_template_id::text
FROM product_instance
WHERE ovpay_token_id = @token_id AND status = 'Active' AND package_template_id IS NOT NULL
ORDER BY 1;

-- name: MoveActiveProductInstances :many
-- A replacement moves the old token's active product instances to the new token.
UPDATE product_instance SET ovpay_token_id = @to_token_id
WHERE ovpay_token_id = @from_token_id AND status = 'Active'
RETURNING id;
