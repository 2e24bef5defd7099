/**
 * The users API: list, get and create, on a portable fetch handler (the same file runs on Lambda, Cloud Run
 * functions, Azure Functions and Workers). The store is in memory: each function instance has its own, seeded
 * with two users; a real app would use a database.
 */
interface User {
  id: string;
  name: string;
  email: string;
}

const users = new Map<string, User>([
  ["1", { id: "1", name: "Ada Lovelace", email: "ada@example.com" }],
  ["2", { id: "2", name: "Alan Turing", email: "alan@example.com" }],
]);
let nextId = 3;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function create(request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json(400, { message: "body must be JSON" });
  }
  const { name, email } = (body ?? {}) as Partial<User>;
  if (typeof name !== "string" || name.length === 0 || typeof email !== "string" || !email.includes("@")) {
    return json(400, { message: "expected { name, email }" });
  }
  const user = { id: String(nextId++), name, email };
  users.set(user.id, user);
  return json(201, user);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const parts = pathname.split("/").filter(Boolean);
    if (parts[0] !== "users" || parts.length > 2) return json(404, { message: "Not Found" });
    if (parts.length === 1 && request.method === "GET") return json(200, [...users.values()]);
    if (parts.length === 1 && request.method === "POST") return create(request);
    if (parts.length === 2 && request.method === "GET") {
      const user = users.get(decodeURIComponent(parts[1]));
      return user ? json(200, user) : json(404, { message: `no user ${parts[1]}` });
    }
    return json(405, { message: "Method Not Allowed" });
  },
};
