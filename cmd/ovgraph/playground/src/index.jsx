// Entry point of the ovgraph GraphiQL playground.
//
// The Go handler renders a page with a single mount element whose data
// attributes carry the configuration (endpoint, default query, default
// headers). Everything the page needs is in this bundle and its stylesheet;
// nothing is fetched from other hosts.

import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';

const mount = document.getElementById('graphiql');
const config = {
  endpoint: mount.dataset.endpoint || '/graphql',
  defaultQuery: mount.dataset.defaultQuery || undefined,
  defaultHeaders: mount.dataset.defaultHeaders || undefined,
};

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
    body: JSON.stringify(params),
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
