/** Tags as a reader types them: comma-separated (Korean IMEs give "，" too), an optional leading #. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((tag) => tag.trim().replace(/^#/, ""))
    .filter(Boolean);
}
