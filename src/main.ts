// Placeholder until the HTTP API (issue 6) lands: `npm start` must exist from day one.
console.log('suyuan: the API server is not built yet (see the open issues); `npm test` runs what exists.');
