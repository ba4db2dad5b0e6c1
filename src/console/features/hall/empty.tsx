// The tables' empty text in a colour that passes WCAG AA contrast (antd's placeholder grey does not).
export const emptyText = (text: string) => <span style={{ color: '#595959' }}>{text}</span>
