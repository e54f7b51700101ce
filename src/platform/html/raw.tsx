/**
 * The only way to emit unescaped HTML (house rule 5). Every caller must say in a comment
 * why the content is trusted (for example: an SVG string produced by our own chart renderer).
 */
export function TrustedHtml({ html, as = 'div', className }: { html: string; as?: 'div' | 'span' | 'figure'; className?: string }) {
  const Tag = as;
  return <Tag class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
