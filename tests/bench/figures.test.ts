import { committedFigures, figuresTable, regressions, type Figure, type FigureId } from '../../bench/figures';

const figure = (id: FigureId, ratio: number): [FigureId, Figure] => [id, { id, ratio, measured: 'x' }];

describe('the bench\'s goals table and regression guard', () => {
  it('reads back the table it writes into the README', () => {
    const now = new Map([figure('check-cold', 5.5), figure('hook-one-notebook', 2.25), figure('strip-stdin-peak', 2.5)]);
    const readme = `# x\n\nsome text | with | bars\n\n${figuresTable(now, 'floor 0.33 s, node -e 0 65 ms')}\n\nmore\n`;
    expect(committedFigures(readme)).toEqual(new Map([['check-cold', 5.5], ['hook-one-notebook', 2.25], ['strip-stdin-peak', 2.5]]));
    expect(committedFigures('# no table here')).toEqual(new Map());
  });

  it('names each ratio more than 15 % worse than the committed one, and only those', () => {
    const committed = new Map<FigureId, number>([['check-cold', 4], ['check-cached', 1], ['strip-dry-run', 2]]);
    const now = new Map([figure('check-cold', 4.7), figure('check-cached', 1.1), figure('strip-dry-run', 1.5)]);
    const worse = regressions(now, committed);
    expect(worse).toHaveLength(1);
    expect(worse[0]).toMatch(/^check-cold: 4\.70 × floor, 18 % worse than the README's 4\.00$/);
    expect(regressions(new Map([figure('check-cold', 4.6)]), committed)).toEqual([]);
  });
});
