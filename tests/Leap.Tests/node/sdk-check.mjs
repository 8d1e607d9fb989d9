// Drives `leap serve` with the official OpenAI Node SDK and prints what it saw as one JSON object.
// Usage: node sdk-check.mjs BASE_URL   (BASE_URL ends in /v1). Run by Leap.Tests (OpenAiNodeSdkTests).
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.argv[2], apiKey: "unused", maxRetries: 0, timeout: 120000 });
const model = (await client.models.list()).data.map((m) => m.id);
const prompt = "Once upon a time";

const plain = await client.completions.create({ model: model[0], prompt, max_tokens: 20, temperature: 0 });
const withN = await client.completions.create({ model: model[0], prompt, max_tokens: 12, n: 3, seed: 4, temperature: 0.9 });
const withNAgain = await client.completions.create({ model: model[0], prompt, max_tokens: 12, n: 3, seed: 4, temperature: 0.9 });
const stopped = await client.completions.create({ model: model[0], prompt, max_tokens: 40, temperature: 0, stop: ["girl named"] });

// the usual streaming loop: chunk.choices[0].text on every chunk (no usage chunk unless asked)
const streamed = [];
for await (const chunk of await client.completions.create({ model: model[0], prompt, max_tokens: 20, temperature: 0, stream: true })) {
  streamed.push({ text: chunk.choices[0].text, finish: chunk.choices[0].finish_reason });
}
let usageChunk = null;
let usageChunks = 0;
for await (const chunk of await client.completions.create({
  model: model[0], prompt, max_tokens: 20, temperature: 0, stream: true, stream_options: { include_usage: true },
})) {
  if (chunk.choices.length === 0) { usageChunk = chunk.usage; usageChunks++; }
}

const chat = await client.chat.completions.create({ model: model[0], messages: [{ role: "user", content: prompt }], max_tokens: 20, temperature: 0 });
const chatPieces = [];
let chatUsage = null;
for await (const chunk of await client.chat.completions.create({
  model: model[0], messages: [{ role: "user", content: prompt }], max_tokens: 20, temperature: 0, stream: true, stream_options: { include_usage: true },
})) {
  if (chunk.choices.length > 0 && chunk.choices[0].delta.content) chatPieces.push(chunk.choices[0].delta.content);
  if (chunk.usage) chatUsage = chunk.usage;
}

let penalty = null;
try {
  await client.completions.create({ model: model[0], prompt, max_tokens: 4, presence_penalty: 0.5 });
} catch (e) {
  penalty = { status: e.status, message: e.error?.message ?? e.message };
}

console.log(JSON.stringify({
  models: model,
  plain: { text: plain.choices[0].text, finish: plain.choices[0].finish_reason, usage: plain.usage, created: plain.created },
  n: withN.choices.map((c) => c.text),
  nAgain: withNAgain.choices.map((c) => c.text),
  nUsage: withN.usage,
  stopped: { text: stopped.choices[0].text, finish: stopped.choices[0].finish_reason },
  streamed,
  usageChunk,
  usageChunks,
  chat: { text: chat.choices[0].message.content, role: chat.choices[0].message.role, finish: chat.choices[0].finish_reason, object: chat.object },
  chatStreamed: chatPieces,
  chatUsage,
  penalty,
}));
