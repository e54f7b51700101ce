import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { comparePlans } from './plan-compare.ts';
import { COMPARE_LIST_MAX, PlanComparison, PlanComparisonPage } from './plan-comparison.view.tsx';
import { docA, docB, largeDoc } from './plan-documents.fixtures.ts';

const ctx = (locale: Locale = 'vi'): ViewContext => ({
  t: translator(locale),
  locale,
  actor: null,
  csrfToken: 'csrf',
  path: '/training/plans/compare',
  requestId: 'r',
});

/** Text without tags, spaces collapsed: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('PlanComparison view', () => {
  const html = renderToString(<PlanComparison ctx={ctx()} diff={comparePlans(docA(), docB())} />);
  const text = visible(html);

  it('shows both versions side by side with links, objective, gap and the differences B − A', () => {
    expect(html).toContain('<a href="/training/plans/11">Phương án A</a>');
    expect(html).toContain('<a href="/training/plans/12">Phương án B</a>');
    expect(text).toContain('Tối ưu Dừng do hết thời gian');
    expect(text).toMatch(/Giá trị mục tiêu \(tổng trọng số nhu cầu được đáp ứng\) 11,75 10,25 -1,5 /);
    expect(text).toMatch(/Khoảng cách tối ưu \(%\) 0 % 2,44 % \+2,44 % /);
    expect(text).toContain('Kinh phí kế hoạch (đồng) 64.000.000 43.000.000 -21.000.000');
    expect(text).toContain('Dự toán (đồng) 205.000.000 160.000.000 -45.000.000');
  });

  it('tables every year × funding source with A, B and the difference', () => {
    // 2028 exists in B only: A's side is zero.
    expect(text).toContain('2028 Ngân sách nhà nước 0 1 +1 0 2 +2 0 12.000.000 +12.000.000');
    expect(text).toContain('Cộng năm 2026 3 1 -2 6 2 -4 52.000.000 23.000.000 -29.000.000');
    expect(text).toContain('Tổng cộng 4 3 -1 8 5 -3 64.000.000 43.000.000 -21.000.000');
  });

  it('lists the course changes and the people who differ', () => {
    expect(text).toContain('Thêm 1, bỏ 1, thay đổi số lớp 2, giữ nguyên 0 khóa học.');
    expect(text).toContain('DIG.01 Kỹ năng số cơ bản Bỏ trong B 2026: 1 – -1');
    expect(text).toContain('SEC.01 Quốc phòng và an ninh Thêm trong B – 2027: 1 +1');
    expect(text).toContain('Chỉ có trong A: 1; chỉ có trong B: 1; chuyển sang năm khác: 1; chuyển sang khóa học khác: 2; giữ nguyên: 1.');
    expect(text).toContain('Chỉ có trong A (1) Phạm Thị Dung – Xã Phú Vang');
    expect(text).toContain('Hoàng Văn Em Xã Phú Vang Chuyển năm ETH.01 (2027) ETH.01 (2028)');
    expect(text).toContain('Trần Thị Bình Phường Thuận Hóa Đổi khóa học ETH.01 (2027), LAW.01 (2026) ETH.01 (2028)');
  });

  it('translates the view', () => {
    const en = visible(renderToString(<PlanComparison ctx={ctx('en')} diff={comparePlans(docA(), docB())} />));
    expect(en).toContain('1 added, 1 removed, 2 with other class counts, 0 unchanged.');
    expect(en).toContain('Planned cost (VND) 64,000,000 43,000,000 -21,000,000');
  });

  it('keeps a province-sized comparison page under 50 KB, capping the lists with "and N more"', () => {
    const a = largeDoc('Phương án 2026–2030 (A)', 1600, 60, 0);
    const b = largeDoc('Phương án 2026–2030 (B)', 1600, 60, 1);
    const diff = comparePlans(a, b);
    // The fixture moves every course by a year and shifts who attends: long lists on both sides.
    expect(diff.people.moved.length).toBeGreaterThan(COMPARE_LIST_MAX);
    expect(diff.courses.length).toBe(60);
    const page = renderToString(<PlanComparisonPage ctx={ctx()} diff={diff} />);
    expect(Buffer.byteLength(page, 'utf8')).toBeLessThan(50 * 1024);
    expect(visible(page)).toContain(`và ${diff.courses.length - COMPARE_LIST_MAX} mục nữa`);
    expect(visible(page)).toContain(`và ${diff.people.moved.length - COMPARE_LIST_MAX} mục nữa`);
    expect(page).toContain('<h1>So sánh hai phiên bản kế hoạch đào tạo</h1>');
  });
});
