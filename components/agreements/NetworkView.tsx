import type { NetworkLink } from "@/lib/domain/agreement-overview";

/**
 * Japan's security network as SVG: Japan in the middle, partners around it, line width by the
 * agreements in force. The picture is hidden from screen readers; the table beside it says the same.
 */
export function NetworkView({ links, names, labels }: { links: NetworkLink[]; names: Record<string, string>; labels: { partner: string; inForceCount: string; total: string; caption: string } }) {
  const size = 360;
  const centre = size / 2;
  const radius = 130;
  return (
    <figure className="network">
      {/* At most `size` pixels wide: `.network svg` in globals.css (a style attribute would need 'unsafe-inline' in the CSP). */}
      <svg viewBox={`0 0 ${size} ${size}`} width="100%" aria-hidden="true" focusable="false">
        {links.map((link, index) => {
          const angle = (2 * Math.PI * index) / links.length - Math.PI / 2;
          const x = centre + radius * Math.cos(angle);
          const y = centre + radius * Math.sin(angle);
          return (
            <g key={link.partner}>
              <line
                x1={centre}
                y1={centre}
                x2={x}
                y2={y}
                className={link.inForce ? "network-link" : "network-link network-link-none"}
                strokeWidth={link.inForce ? 2 + link.inForce * 2.5 : 1.5}
              />
              {/* Out of the tab order: the picture is hidden from screen readers, and the matrix links the same pages. */}
              <a href={`/entities/${link.partner}`} tabIndex={-1}>
                <circle cx={x} cy={y} r={30} className="network-node" />
                <text x={x} y={y - 2} textAnchor="middle" className="network-label">
                  {names[link.partner] ?? link.partner}
                </text>
                <text x={x} y={y + 14} textAnchor="middle" className="network-count">
                  {link.inForce}/{link.total}
                </text>
              </a>
            </g>
          );
        })}
        <circle cx={centre} cy={centre} r={36} className="network-node network-node-centre" />
        <text x={centre} y={centre + 5} textAnchor="middle" className="network-label">
          {names.jp ?? "jp"}
        </text>
      </svg>
      <figcaption>{labels.caption}</figcaption>
      <table className="sr-only">
        <thead>
          <tr>
            <th scope="col">{labels.partner}</th>
            <th scope="col">{labels.inForceCount}</th>
            <th scope="col">{labels.total}</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.partner}>
              <th scope="row">{names[link.partner] ?? link.partner}</th>
              <td>{link.inForce}</td>
              <td>{link.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
