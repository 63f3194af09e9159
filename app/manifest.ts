import type { MetadataRoute } from "next";

/** The web app manifest: a name and icons for a home screen or a dock. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "브리프 리더 · Brief Reader",
    short_name: "브리프 리더",
    start_url: "/",
    display: "standalone",
    background_color: "#fbfaf7",
    theme_color: "#1d5fa8",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon.png", sizes: "180x180", type: "image/png" },
    ],
  };
}
