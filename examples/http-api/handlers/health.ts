/** Liveness probe: always 200, no auth needed by the function itself. */
export default {
  fetch(): Response {
    return new Response(JSON.stringify({ status: "ok" }), { headers: { "content-type": "application/json" } });
  },
};
