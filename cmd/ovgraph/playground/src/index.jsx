// Entry point of the ovgraph GraphiQL playground.
//
// The Go handler renders a page with a single mount element whose data
// attributes carry the configuration (endpoint, default query, default
// headers). Everything the page needs is in this bundle and its stylesheet;
// nothing is fetched from other hosts.

import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { parse } from 'graphql';

const mount = document.getElementById('graphiql');
const config = {
  endpoint: mount.dataset.endpoint || '/graphql',
  defaultQuery: mount.dataset.defaultQuery || undefined,
  defaultHeaders: mount.dataset.defaultHeaders || undefined,
};

// withKnownOperation drops an operationName the query does not define: GraphiQL updates the name
// a moment after an edit, so a query run right after renaming or removing its operation would
// otherwise be sent with the old name and fail.
function withKnownOperation(params) {
  if (!params.operationName) return params;
  try {
    const names = parse(params.query).definitions
      .filter((d) => d.kind === 'OperationDefinition' && d.name)
      .map((d) => d.name.value);
    if (names.includes(params.operationName)) return params;
  } catch {
    return params; // let the server report the syntax error
  }
  const { operationName, ...rest } = params;
  return rest;
}

// fetcher posts one GraphQL request to the configured endpoint, merging the
// headers typed into the headers editor over the JSON content type.
async function fetcher(params, options) {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/graphql-response+json, application/json',
      'Content-Type': 'application/json',
      ...(options && options.headers),
    },
    body: JSON.stringify(withKnownOperation(params)),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    // Show non-JSON answers (proxy errors, plain text) in the result pane.
    return { errors: [{ message: `HTTP ${response.status}: ${text}` }] };
  }
}

createRoot(mount).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={config.defaultQuery}
    defaultHeaders={config.defaultHeaders}
    isHeadersEditorEnabled
    shouldPersistHeaders
    defaultEditorToolsVisibility="headers"
  />,
);
