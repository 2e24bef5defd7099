/** A portable handler: `export default { fetch }`, wrapped by Meridian for the target cloud. */
export default {
  async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get("name") ?? "world";
    return new Response(JSON.stringify({ hello: name, greeting: process.env.GREETING }), {
      headers: { "content-type": "application/json" },
    });
  },
};
